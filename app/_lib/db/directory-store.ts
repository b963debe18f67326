import type {
  AttributeValue,
  DirectoryReads,
  DirectoryStore,
  DirectoryUnit,
  GuestFilter,
  GuestListQuery,
  GuestRecord,
  GuestState,
} from "../directory";
import { UniqueConflict } from "../directory";
import { auditLogOn } from "./audit-log";
import { sharedTransaction } from "./shared-transaction";
import { isUniqueViolation, providerOf, type PrismaClient } from "./client";
import type { Prisma } from "../../../prisma/generated/client/sqlite/client";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const guestInclude = {
  attributes: true,
  identities: { select: { issuer: true, subject: true, provider: true }, orderBy: { createdAt: "asc" } },
} as const;

/**
 * The directory on Prisma: plain reads and writes for the directory service, and `transaction`,
 * its unit of work (an interactive transaction: writes and audit events commit together). A unique
 * violation leaves as UniqueConflict, so the service never sees a Prisma error code.
 */
export function createDirectoryStore(prisma: PrismaClient): DirectoryStore {
  const insensitive = providerOf(prisma) === "postgres" ? ({ mode: "insensitive" } as const) : {};
  const nullsSmallest = providerOf(prisma) === "sqlite";
  const search: SearchDialect = { insensitive, sqlite: providerOf(prisma) === "sqlite" };
  return {
    ...reads(prisma),
    async list(tenantId, query) {
      const rows = await prisma.guest.findMany({
        where: { AND: [{ tenantId }, filterWhere(query.filter, search), afterWhere(query, nullsSmallest)] },
        orderBy: orderBy(query),
        take: query.take,
      });
      const related = await relationsOf(
        prisma,
        rows.map((row) => row.id),
      );
      return rows.map((row) => toGuestRecord({ ...row, attributes: [], identities: [], ...related.get(row.id) }));
    },
    async count(tenantId, filter, atMost) {
      // With a bound, Prisma counts a LIMITed subquery: the database stops reading at atMost rows.
      return prisma.guest.count({
        where: { AND: [{ tenantId }, filterWhere(filter, search)] },
        ...(atMost !== undefined ? { take: atMost } : {}),
      });
    },
    async customAttributeNames(tenantId) {
      const registered = await prisma.customAttribute.findMany({ where: { tenantId }, select: { name: true } });
      const flows = await prisma.userFlow.findMany({ where: { tenantId }, select: { definition: true } });
      const names = new Set(registered.map((row) => row.name));
      for (const flow of flows) for (const name of declaredInFlow(flow.definition)) names.add(name);
      return [...names].sort();
    },
    async transaction(work) {
      try {
        // Joins a transaction another store opened on this client (redeeming an invitation).
        return await sharedTransaction(prisma, (tx) => work(unit(tx)));
      } catch (error) {
        if (isUniqueViolation(error)) throw new UniqueConflict("a unique key is taken");
        throw error;
      }
    },
  };
}

function reads(client: Tx): DirectoryReads {
  return {
    async findByIdentity(tenantId, issuer, subject) {
      const identity = await client.identity.findUnique({
        where: { tenantId_issuer_subject: { tenantId, issuer, subject } },
        select: { guest: { include: guestInclude } },
      });
      return identity && toGuestRecord(identity.guest);
    },
    async find(tenantId, guestId) {
      const row = await client.guest.findFirst({ where: { id: guestId, tenantId }, include: guestInclude });
      return row && toGuestRecord(row);
    },
    async findByEmail(tenantId, email) {
      const row = await client.guest.findFirst({
        where: { tenantId, email },
        include: guestInclude,
        orderBy: { createdAt: "asc" },
      });
      return row && toGuestRecord(row);
    },
  };
}

function unit(tx: Tx): DirectoryUnit {
  const live = (tenantId: string, guestId: string) => ({ tenantId, guestId, endedAt: null });
  // Attribute values live in their own table; the guest's updatedAt is what the Graph ETag reads.
  const touch = (guestId: string) => tx.guest.updateMany({ where: { id: guestId }, data: { updatedAt: new Date() } });
  return {
    ...reads(tx),
    async insertGuest({ identity, attributes, signUpRequest, termsAccepted, ...guest }) {
      await tx.guest.create({
        data: {
          id: guest.id,
          tenantId: guest.tenantId,
          userType: guest.userType,
          state: guest.state,
          createdVia: guest.createdVia,
          displayName: guest.displayName,
          searchName: searchKeyOf(guest.displayName),
          email: guest.email,
          emailVerified: guest.emailVerified,
          userFlowName: guest.userFlowName ?? null,
          clientId: guest.clientId ?? null,
          identityProvider: identity?.providerId ?? null,
          ...(identity ? { identities: { create: identityRow(guest.tenantId, identity) } } : {}),
          attributes: { create: attributeRows(attributes) },
          ...(termsAccepted ? { termsVersion: termsAccepted.version, termsAcceptedAt: termsAccepted.at } : {}),
          ...(signUpRequest
            ? { signUpRequest: { create: { tenantId: guest.tenantId, state: "pending", ...signUpRequest } } }
            : {}),
        },
      });
    },
    async setState(tenantId, guestId, state, changedAt) {
      await tx.guest.updateMany({
        where: { id: guestId, tenantId },
        data: { state, ...(changedAt ? { stateChangedAt: changedAt } : {}) },
      });
    },
    async setTermsAccepted(tenantId, guestId, accepted) {
      await tx.guest.updateMany({
        where: { id: guestId, tenantId },
        data: { termsVersion: accepted.version, termsAcceptedAt: accepted.at },
      });
    },
    async setDisplayName(tenantId, guestId, displayName) {
      await tx.guest.updateMany({
        where: { id: guestId, tenantId },
        data: { displayName, searchName: searchKeyOf(displayName) },
      });
    },
    async removeAttributes(guestId, names) {
      if (!names.length) return;
      await tx.attributeValue.deleteMany({ where: { guestId, name: { in: [...names] } } });
      await touch(guestId);
    },
    async upsertAttributes(guestId, values) {
      for (const { name, value } of attributeRows(values)) {
        await tx.attributeValue.upsert({
          where: { guestId_name: { guestId, name } },
          create: { guestId, name, value },
          update: { value },
        });
      }
      if (attributeRows(values).length) await touch(guestId);
    },
    async linkIdentity(tenantId, guestId, identity) {
      await tx.identity.create({ data: { ...identityRow(tenantId, identity), guestId } });
    },
    async recordSignIn(tenantId, issuer, subject, at) {
      const identity = await tx.identity.findUnique({
        where: { tenantId_issuer_subject: { tenantId, issuer, subject } },
        select: { id: true, guestId: true },
      });
      if (!identity) return null;
      await tx.identity.update({ where: { id: identity.id }, data: { lastSignInAt: at } });
      return identity.guestId;
    },
    async endSessions(tenantId, guestId, now) {
      return (await tx.opSession.updateMany({ where: live(tenantId, guestId), data: { endedAt: now } })).count;
    },
    async revokeAccess(tenantId, guestId, now) {
      const sessions = (await tx.opSession.updateMany({ where: live(tenantId, guestId), data: { endedAt: now } })).count;
      const grantIds = (await tx.grant.findMany({ where: { tenantId, guestId }, select: { id: true } })).map((g) => g.id);
      const grants = (await tx.grant.updateMany({ where: { tenantId, guestId, revokedAt: null }, data: { revokedAt: now } }))
        .count;
      const refreshTokens = grantIds.length
        ? (
            await tx.refreshToken.updateMany({
              where: { tenantId, grantId: { in: grantIds }, revokedAt: null },
              data: { revokedAt: now },
            })
          ).count
        : 0;
      // A code handed out but not yet redeemed would otherwise still buy tokens for a deleted guest.
      await tx.authorizationCode.deleteMany({ where: { tenantId, guestId, consumedAt: null } });
      return { sessions, grants, refreshTokens };
    },
    async unlinkIdentities(tenantId, guestId) {
      return (await tx.identity.deleteMany({ where: { tenantId, guestId } })).count;
    },
    async deleteGuest(tenantId, guestId) {
      await tx.guest.deleteMany({ where: { id: guestId, tenantId } });
    },
    audit: auditLogOn(tx),
  };
}

/** How the provider compares names: PostgreSQL's ILIKE for Graph's expressions; SQLite's binary order for the search key. */
interface SearchDialect {
  insensitive: { mode?: "insensitive" };
  sqlite: boolean;
}

/**
 * The name search's key, stored in guests.searchName beside every display name this store writes:
 * NFC, then lower-cased (locale-independent), so "ÉLIN" and "élin" find "Élin Berg".
 */
export function searchKeyOf(displayName: string): string;
export function searchKeyOf(displayName: string | null | undefined): string | null;
export function searchKeyOf(displayName: string | null | undefined): string | null {
  return displayName == null ? null : displayName.normalize("NFC").toLowerCase();
}

/**
 * A prefix of the name's search key or of the (lower-case) e-mail address as a condition their
 * (tenantId, column) indexes serve, so the two sides of the search's OR are two index ranges. SQLite's LIKE
 * ignores ASCII case, so it cannot walk that index's binary order; the equivalent range can
 * (binary order of UTF-8 is code-point order, and every string starting with the key lies in
 * [key, key + U+10FFFF)). PostgreSQL gets a plain, case-sensitive LIKE on the lower-cased column,
 * no longer an ILIKE on the name.
 */
function prefixWhere(column: "searchName" | "email", key: string, sqlite: boolean): Prisma.GuestWhereInput {
  return { [column]: sqlite ? { gte: key, lt: `${key}\u{10FFFF}` } : { startsWith: key } };
}

function filterWhere(filter: GuestListQuery["filter"], { insensitive, sqlite }: SearchDialect): Prisma.GuestWhereInput {
  const where: Prisma.GuestWhereInput = {};
  if (filter.state) where.state = filter.state;
  if (filter.userType) where.userType = filter.userType;
  if (filter.email) where.email = filter.email;
  if (filter.createdVia) where.createdVia = filter.createdVia;
  if (filter.userFlowName) where.userFlowName = filter.userFlowName;
  if (filter.identityProvider) where.identityProvider = filter.identityProvider;
  if (filter.search) {
    // The name through its search key; e-mail addresses are stored lower-case, so the prefix is
    // lower-cased for them (prefixWhere).
    where.OR = [
      prefixWhere("searchName", searchKeyOf(filter.search), sqlite),
      prefixWhere("email", filter.search.toLowerCase(), sqlite),
    ];
  }
  if (filter.expression) where.AND = [expressionWhere(filter.expression, insensitive)];
  return where;
}

/**
 * The directory's filter tree as one Prisma where: every leaf is a condition on an indexed guest
 * column or an EXISTS on identities' unique (tenant, issuer, subject), so the planner can still
 * walk the (tenant, sort column, id) index for the page.
 */
function expressionWhere(node: GuestFilter, insensitive: { mode?: "insensitive" }): Prisma.GuestWhereInput {
  if ("and" in node) return { AND: node.and.map((child) => expressionWhere(child, insensitive)) };
  if ("or" in node) return { OR: node.or.map((child) => expressionWhere(child, insensitive)) };
  if ("not" in node) return { NOT: expressionWhere(node.not, insensitive) };
  if ("identity" in node) return { identities: { some: { issuer: node.identity.issuer, subject: node.identity.subject } } };
  if ("missing" in node) return { [node.missing]: null };
  if ("attribute" in node) return attributeWhere(node.attribute);
  const { field, op, values } = node;
  const column = field === "createdAt" ? "createdAt" : field;
  const value = (v: string) => (field === "createdAt" ? new Date(v) : v);
  const first = value(values[0] ?? "");
  // Graph compares display names without regard to case; SQLite's LIKE already does (ASCII).
  const caseless = field === "displayName" && (op === "startsWith" || op === "contains") ? insensitive : {};
  const condition = {
    eq: { equals: first },
    ne: { not: first },
    in: { in: values.map(value) },
    startsWith: { startsWith: first, ...caseless },
    contains: { contains: first, ...caseless },
    ge: { gte: first },
    le: { lte: first },
  }[op];
  return { [column]: condition } as Prisma.GuestWhereInput;
}

/**
 * An attribute condition as EXISTS on attribute_values, whose primary key (guest, name) serves it;
 * values are compared as stored (JSON text), a prefix without the closing quote.
 */
function attributeWhere({ name, op, values }: Extract<GuestFilter, { attribute: unknown }>["attribute"]): Prisma.GuestWhereInput {
  if (op === "missing") return { NOT: { attributes: { some: { name } } } };
  const value = op === "startsWith" ? { startsWith: values[0]! } : { in: values };
  return { attributes: { some: { name, value } } };
}

/**
 * Key-set paging on (sort column, id), in each database's own order of NULLs (SQLite: smallest,
 * PostgreSQL: largest). Asking for the other order makes Prisma emulate it (SQLite: `CASE WHEN … IS
 * NULL`) or the planner sort (PostgreSQL), and either way the (tenant, column, id) index no longer
 * serves the page (tests/integration/graph/users-explain.test.ts).
 */
function afterWhere({ orderBy: { field, direction }, after }: GuestListQuery, nullsSmallest: boolean): Prisma.GuestWhereInput {
  if (!after) return {};
  const beyond = direction === "asc" ? "gt" : "lt";
  const id = { id: { [beyond]: after.id } };
  if (field === "createdAt") {
    const at = new Date(after.value ?? "");
    if (Number.isNaN(at.getTime())) return { id: "" };
    return {
      AND: [
        { createdAt: { [beyond === "gt" ? "gte" : "lte"]: at } },
        { OR: [{ createdAt: { [beyond]: at } }, { createdAt: at, ...id }] },
      ],
    };
  }
  const nullsComeFirst = (direction === "asc") === nullsSmallest;
  if (after.value === null)
    return nullsComeFirst ? { OR: [{ [field]: null, ...id }, { [field]: { not: null } }] } : { [field]: null, ...id };
  const greater: Prisma.GuestWhereInput[] = [{ [field]: { [beyond]: after.value } }, { [field]: after.value, ...id }];
  if (!nullsComeFirst) return { OR: [...greater, { [field]: null }] };
  // The same bound once more outside the OR: it lets the database seek in the index to the
  // position instead of walking it from the start (a deep page would read every row before it).
  return { AND: [{ [field]: { [beyond === "gt" ? "gte" : "lte"]: after.value } }, { OR: greater }] };
}

function orderBy({ orderBy: { field, direction } }: GuestListQuery): Prisma.GuestOrderByWithRelationInput[] {
  return [{ [field]: direction } as Prisma.GuestOrderByWithRelationInput, { id: direction }];
}

/**
 * The custom attributes a stored flow declares in place (entries of `attributes` with a `type`;
 * built-ins are named alone). The definition was validated on import; a row that no longer parses
 * declares nothing here rather than failing the caller.
 */
function declaredInFlow(definition: string): string[] {
  const parsed = jsonValue(definition) as { attributes?: unknown } | undefined;
  const entries = parsed && Array.isArray(parsed.attributes) ? (parsed.attributes as unknown[]) : [];
  return entries.flatMap((entry) => {
    const { name, type } = (typeof entry === "object" && entry !== null ? entry : {}) as { name?: unknown; type?: unknown };
    return typeof name === "string" && type !== undefined ? [name] : [];
  });
}

function identityRow(
  tenantId: string,
  identity: { issuer: string; subject: string; providerId: string; email?: string; emailVerified: boolean },
) {
  return {
    tenantId,
    issuer: identity.issuer,
    subject: identity.subject,
    provider: identity.providerId,
    email: identity.email ?? null,
    emailVerified: identity.emailVerified,
  };
}

function attributeRows(values: Readonly<Record<string, AttributeValue | undefined>>): { name: string; value: string }[] {
  return Object.entries(values)
    .filter((entry): entry is [string, AttributeValue] => entry[1] !== undefined)
    .map(([name, value]) => ({ name, value: JSON.stringify(value) }));
}

interface GuestRow {
  id: string;
  tenantId: string;
  state: string;
  userType: string;
  createdVia: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
  userFlowName: string | null;
  clientId: string | null;
  createdAt: Date;
  updatedAt: Date;
  stateChangedAt: Date | null;
  termsVersion: string | null;
  termsAcceptedAt: Date | null;
  attributes: { name: string; value: string }[];
  identities: { issuer: string; subject: string; provider: string }[];
}

const STATES: readonly GuestState[] = ["active", "blocked", "pendingAcceptance", "pendingApproval"];

/**
 * Attributes and identities of a page of guests, in chunks: an `include` sends every id of a
 * 999-row page as one IN list, past SQLite's bound-parameter limit (Prisma P2029).
 */
const RELATION_CHUNK = 400;
async function relationsOf(prisma: PrismaClient, ids: readonly string[]) {
  const related = new Map<string, Pick<GuestRow, "attributes" | "identities">>();
  for (const id of ids) related.set(id, { attributes: [], identities: [] });
  for (let start = 0; start < ids.length; start += RELATION_CHUNK) {
    const chunk = ids.slice(start, start + RELATION_CHUNK);
    const [attributes, identities] = await Promise.all([
      prisma.attributeValue.findMany({ where: { guestId: { in: chunk } } }),
      prisma.identity.findMany({
        where: { guestId: { in: chunk } },
        select: { guestId: true, issuer: true, subject: true, provider: true },
        orderBy: { createdAt: "asc" },
      }),
    ]);
    for (const attribute of attributes) related.get(attribute.guestId)!.attributes.push(attribute);
    for (const { guestId, ...identity } of identities) related.get(guestId)!.identities.push(identity);
  }
  return related;
}

function toGuestRecord(row: GuestRow): GuestRecord {
  const attributes: Record<string, AttributeValue> = {};
  for (const { name, value } of row.attributes) {
    const decoded = jsonValue(value);
    if (decoded !== undefined) attributes[name] = decoded as AttributeValue;
  }
  return {
    id: row.id,
    tenantId: row.tenantId,
    // Anything unexpected is treated as blocked: an unknown state never signs in.
    state: STATES.includes(row.state as GuestState) ? (row.state as GuestState) : "blocked",
    userType: row.userType === "Member" ? "Member" : "Guest",
    email: row.email,
    emailVerified: row.emailVerified,
    displayName: row.displayName,
    attributes,
    createdAt: row.createdAt,
    createdVia: row.createdVia,
    identities: row.identities.length,
    linkedIdentities: row.identities.map((i) => ({ issuer: i.issuer, subject: i.subject, providerId: i.provider })),
    updatedAt: row.updatedAt,
    stateChangedAt: row.stateChangedAt,
    signedUpVia: row.userFlowName && row.clientId ? { userFlowName: row.userFlowName, clientId: row.clientId } : null,
    termsAccepted: row.termsVersion && row.termsAcceptedAt ? { version: row.termsVersion, at: row.termsAcceptedAt } : null,
  };
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
