import { randomUUID } from "node:crypto";
import type {
  AppRole,
  ApplicationRecord,
  AuthorizationCodeRecord,
  ClientSecretRecord,
  GrantRecord,
  GrantType,
  GuestProfile,
  OidcRepositories,
  OpSessionRecord,
  RefreshTokenRecord,
  SigningAlgorithm,
  SigningKeyRecord,
} from "../oidc";
import { GROUPS_CLAIM_LIMIT, parseLocalizedNames } from "../oidc";
import { auditRow } from "./audit-log";
import { resourceRoles } from "./group-store";
import { isUniqueViolation, type PrismaClient } from "./client";

/**
 * The OpenID provider's repositories on Prisma (SQLite and PostgreSQL alike). Lists are JSON strings
 * in the database; single-use values are consumed by one conditional updateMany whose count decides.
 */
export function createOidcRepositories(prisma: PrismaClient): OidcRepositories {
  return {
    applications: {
      async findByClientId(clientId) {
        const row = await prisma.application.findUnique({ where: { clientId } });
        return row && toApplication(row);
      },
      async list(tenantId) {
        const rows = await prisma.application.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
        return rows.map(toApplication);
      },
      async create(application, secret, audit) {
        const create = prisma.application.create({
          data: {
            tenantId: application.tenantId,
            clientId: application.clientId,
            name: application.name,
            clientType: application.clientType,
            redirectUris: JSON.stringify(application.redirectUris),
            postLogoutRedirectUris: JSON.stringify(application.postLogoutRedirectUris),
            grantTypes: JSON.stringify(application.grantTypes),
            appRoles: JSON.stringify(application.appRoles),
            permissions: JSON.stringify(application.permissions),
            claimsByScope: application.claimsByScope ?? false,
            localizedDisplayNames: JSON.stringify(application.localizedDisplayNames ?? {}),
            ...(secret ? { secrets: { create: secret } } : {}),
          },
        });
        const [row] = audit
          ? await prisma.$transaction([create, prisma.auditEvent.create({ data: auditRow(audit) })])
          : [await create];
        return toApplication(row);
      },
      async secrets(applicationId) {
        return prisma.clientSecret.findMany({ where: { applicationId }, orderBy: { createdAt: "asc" } }) as Promise<
          ClientSecretRecord[]
        >;
      },
      async addSecret(secret, audit) {
        const create = prisma.clientSecret.create({ data: secret });
        if (!audit) return create;
        const [row] = await prisma.$transaction([create, prisma.auditEvent.create({ data: auditRow(audit) })]);
        return row;
      },
    },

    signingKeys: {
      async list(tenantId) {
        const rows = await prisma.signingKey.findMany({ where: { tenantId }, orderBy: { activatedAt: "desc" } });
        return rows.map((row): SigningKeyRecord => ({
          tenantId: row.tenantId,
          kid: row.kid,
          alg: row.alg as SigningAlgorithm,
          publicJwk: JSON.parse(row.publicJwk) as JsonWebKey,
          privateJwkEncrypted: row.privateJwkEncrypted,
          state: row.state === "active" ? "active" : "retired",
          activatedAt: row.activatedAt,
          retiredAt: row.retiredAt,
        }));
      },
      async insertActive(key) {
        try {
          await prisma.signingKey.create({ data: keyData(key) });
          return true;
        } catch (error) {
          // Another instance created this tenant's key for this alg first: use theirs.
          if (isUniqueViolation(error)) return false;
          throw error;
        }
      },
      async rotate(key, now, audit) {
        await prisma.$transaction([
          prisma.signingKey.updateMany({
            where: { tenantId: key.tenantId, alg: key.alg, state: "active" },
            data: { state: "retired", activeSlot: null, retiredAt: now },
          }),
          prisma.signingKey.create({ data: keyData(key) }),
          ...(audit ? [prisma.auditEvent.create({ data: auditRow(audit) })] : []),
        ]);
      },
    },

    sessions: {
      async create(session) {
        await prisma.opSession.create({ data: { ...session, amr: JSON.stringify(session.amr) } });
      },
      async find(id) {
        const row = await prisma.opSession.findUnique({ where: { id } });
        return row && toSession(row);
      },
      // One statement where find and guests.state sent two: every silent sign-in asks both.
      async findWithGuestState(id) {
        const rows = await prisma.$queryRaw<SessionWithGuestStateRow[]>`
          SELECT s."id", s."tenantId", s."guestId", s."sid", s."authTime", s."amr", s."acr", s."remember",
                 s."expiresAt", s."endedAt", g."state" AS "guestState"
          FROM "op_sessions" s LEFT JOIN "guests" g ON g."id" = s."guestId" AND g."tenantId" = s."tenantId"
          WHERE s."id" = ${id}`;
        const row = rows[0];
        if (!row) return null;
        const session: OpSessionRecord = {
          id: row.id,
          tenantId: row.tenantId,
          guestId: row.guestId,
          sid: row.sid,
          authTime: rawDate(row.authTime)!,
          amr: jsonArray(row.amr),
          acr: row.acr,
          remember: isTrue(row.remember),
          expiresAt: rawDate(row.expiresAt)!,
          endedAt: rawDate(row.endedAt),
        };
        const guestState = row.guestState === null ? null : row.guestState === "active" ? "active" : "blocked";
        return { session, guestState };
      },
      async findBySid(sid) {
        const row = await prisma.opSession.findUnique({ where: { sid } });
        return row && toSession(row);
      },
      async reauthenticate(id, change) {
        await prisma.opSession.updateMany({ where: { id, endedAt: null }, data: { ...change, amr: JSON.stringify(change.amr) } });
      },
      async end(id, now) {
        await prisma.opSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });
      },
    },

    interactions: {
      async create(interaction) {
        await prisma.interaction.create({ data: interaction });
      },
      async find(id) {
        return prisma.interaction.findUnique({ where: { id } });
      },
      async complete(id, result, now) {
        const { count } = await prisma.interaction.updateMany({
          where: { id, completedAt: null },
          data: { result, completedAt: now },
        });
        return count === 1;
      },
      async consume(id, now) {
        const { count } = await prisma.interaction.updateMany({
          where: { id, completedAt: { not: null }, consumedAt: null },
          data: { consumedAt: now },
        });
        return count === 1;
      },
    },

    tokens: {
      async createCode(code) {
        await prisma.authorizationCode.create({ data: { ...code, amr: JSON.stringify(code.amr) } });
      },
      // The code, its guest and the guest's attribute values in one statement (a row per attribute
      // value): what the code exchange reads, one round trip where the code and guests.find took two.
      async findCodeWithGuest(codeHash) {
        const rows = await prisma.$queryRaw<CodeWithGuestRow[]>`
          SELECT c."id" AS "codeId", c."codeHash", c."tenantId" AS "codeTenantId", c."clientId", c."guestId" AS "codeGuestId",
                 c."redirectUri", c."scope", c."nonce", c."codeChallenge", c."codeChallengeMethod", c."sid", c."authTime",
                 c."amr", c."acr", c."expiresAt", c."consumedAt",
                 g."id", g."tenantId", g."state", g."displayName", g."email", g."emailVerified", g."termsVersion",
                 a."name" AS "attributeName", a."value" AS "attributeValue"
          FROM "authorization_codes" c
          LEFT JOIN "guests" g ON g."id" = c."guestId" AND g."tenantId" = c."tenantId"
          LEFT JOIN "attribute_values" a ON a."guestId" = g."id"
          WHERE c."codeHash" = ${codeHash}`;
        const row = rows[0];
        if (!row) return null;
        const code: AuthorizationCodeRecord = {
          id: row.codeId,
          codeHash: row.codeHash,
          tenantId: row.codeTenantId,
          clientId: row.clientId,
          guestId: row.codeGuestId,
          redirectUri: row.redirectUri,
          scope: row.scope,
          nonce: row.nonce,
          codeChallenge: row.codeChallenge,
          codeChallengeMethod: row.codeChallengeMethod,
          sid: row.sid,
          authTime: rawDate(row.authTime)!,
          amr: jsonArray(row.amr),
          acr: row.acr,
          expiresAt: rawDate(row.expiresAt)!,
          consumedAt: rawDate(row.consumedAt),
        };
        return { code, guest: row.id === null ? null : guestOfRows(rows as GuestWithAttributeRow[]) };
      },
      // The grant's insert is the one statement that decides (grants.codeId is unique): no
      // transaction at all — the local libsql client opens a connection per transaction — and
      // the loser of a race already sees the grant it must revoke. Marking the code consumed
      // afterwards only lets a later replay be refused at findCode; should it never happen (a
      // crash in between), that replay still loses the insert and revokes the grant.
      // Both statements are raw (parameterised tagged templates, the same SQL on SQLite and
      // PostgreSQL; stored values identical to Prisma's): Prisma's create and updateMany cost
      // 2–3× the statements themselves on the token endpoint's hottest path (docs/PERFORMANCE.md).
      async redeemCode(codeId, now, grant) {
        const row = { ...grant, id: randomUUID(), codeId, amr: JSON.stringify(grant.amr), createdAt: now, revokedAt: null };
        try {
          await prisma.$executeRaw`INSERT INTO "grants" ("id", "tenantId", "clientId", "guestId", "kind", "scope", "sid", "authTime", "amr", "acr", "codeId", "createdAt")
            VALUES (${row.id}, ${row.tenantId}, ${row.clientId}, ${row.guestId}, ${row.kind}, ${row.scope}, ${row.sid}, ${row.authTime}, ${row.amr}, ${row.acr}, ${row.codeId}, ${row.createdAt})`;
        } catch (error) {
          if (isUniqueViolation(error)) return null;
          throw error;
        }
        await prisma.$executeRaw`UPDATE "authorization_codes" SET "consumedAt" = ${now} WHERE "id" = ${codeId} AND "consumedAt" IS NULL`;
        return toGrant(row);
      },
      async revokeGrantFromCode(codeId, now) {
        const grant = await prisma.grant.findUnique({ where: { codeId }, select: { id: true } });
        if (grant) await revokeGrant(prisma, grant.id, now);
      },
      async createGrant(grant) {
        return toGrant(await prisma.grant.create({ data: { ...grant, amr: JSON.stringify(grant.amr) } }));
      },
      async findGrant(id) {
        const row = await prisma.grant.findUnique({ where: { id } });
        return row && toGrant(row);
      },
      async revokeGrant(id, now) {
        await revokeGrant(prisma, id, now);
      },
      async revokeAppGrant(grant, now) {
        const { id, tenantId, clientId, scope, createdAt } = grant;
        const row = { id, tenantId, clientId, scope, createdAt, kind: "client_credentials", revokedAt: now };
        await prisma.grant.upsert({ where: { id: grant.id }, create: row, update: {} });
        await revokeGrant(prisma, grant.id, now);
      },
      async createRefreshToken(token) {
        await prisma.refreshToken.create({ data: token });
      },
      async findRefreshToken(tokenHash) {
        return prisma.refreshToken.findUnique({ where: { tokenHash } }) as Promise<RefreshTokenRecord | null>;
      },
      async rotateRefreshToken(oldId, now, next) {
        return prisma.$transaction(async (tx) => {
          const { count } = await tx.refreshToken.updateMany({
            where: { id: oldId, consumedAt: null, revokedAt: null },
            data: { consumedAt: now },
          });
          if (count !== 1) return false;
          await tx.refreshToken.create({ data: next });
          return true;
        });
      },
    },

    guests: {
      // One statement, the guest joined to its attribute values, where the model query with
      // `include` sends two: every code exchange, refresh and userinfo reads it (docs/PERFORMANCE.md).
      async find(tenantId, guestId) {
        const rows = await prisma.$queryRaw<GuestWithAttributeRow[]>`
          SELECT g."id", g."tenantId", g."state", g."displayName", g."email", g."emailVerified", g."termsVersion",
                 a."name" AS "attributeName", a."value" AS "attributeValue"
          FROM "guests" g LEFT JOIN "attribute_values" a ON a."guestId" = g."id"
          WHERE g."id" = ${guestId} AND g."tenantId" = ${tenantId}`;
        return rows.length ? guestOfRows(rows) : null;
      },

      async state(tenantId, guestId) {
        const row = await prisma.guest.findFirst({ where: { id: guestId, tenantId }, select: { state: true } });
        if (!row) return null;
        return row.state === "active" ? "active" : "blocked";
      },

      // Roles and groups for one application's tokens (contract §3.3): both statements go out
      // together, so the token path waits for one round trip (and one more per level of nesting
      // when the application asks for groups and the guest's groups sit in others). Groups are
      // read one past the limit, enough to know the claim would overflow.
      // An application whose (cached) record defines no enabled role and asks for no groups — most
      // of them — gets no claim and costs no query: four statements per code exchange before. The
      // copy may be LIFETIMES.configCache old; it can only delay a role or group claim that was
      // just configured, never keep one alive: when it says there may be some, the rows below
      // (the live definition included) decide.
      async directoryClaims(tenantId, guestId, { clientId, appRoles, groupMembershipClaims }) {
        if (!mayHoldRoles(appRoles) && !wantsGroups(groupMembershipClaims)) return { roles: [] };
        const [application, memberships] = await Promise.all([
          prisma.application.findFirst({
            where: { clientId, tenantId },
            select: {
              appRoles: true,
              groupMembershipClaims: true,
              roleAssignments: { where: { guestId, tenantId }, select: { appRoleId: true } },
              // Roles of groups the guest is a direct member of count; nested groups' do not (Entra).
              groupRoleAssignments: {
                where: { tenantId, group: { members: { some: { guestId } } } },
                select: { appRoleId: true },
              },
            },
          }),
          prisma.groupMember.findMany({
            where: { tenantId, guestId },
            select: { groupId: true },
            orderBy: { groupId: "asc" },
            take: GROUPS_CLAIM_LIMIT + 1,
          }),
        ]);
        if (!application) return { roles: [] };
        const assigned = new Set(
          [...application.roleAssignments, ...application.groupRoleAssignments].map((assignment) => assignment.appRoleId),
        );
        const roles = resourceRoles(clientId, application.appRoles)
          .filter((role) => role.isEnabled && role.value !== null && assigned.has(role.id))
          .map((role) => role.value!);
        if (!wantsGroups(application.groupMembershipClaims)) return { roles };
        const groups = await withContainingGroups(
          prisma,
          tenantId,
          memberships.map((membership) => membership.groupId),
        );
        return { roles, groups: groups.length > GROUPS_CLAIM_LIMIT ? "overage" : groups };
      },
    },
  };
}

/** Whether an application's roles (as stored: Graph's appRoles JSON) include one that can be a claim. */
function mayHoldRoles(appRoles: readonly unknown[]): boolean {
  return appRoles.some((role) => {
    const { value, isEnabled } = (role ?? {}) as { value?: unknown; isEnabled?: unknown };
    return typeof value === "string" && value !== "" && isEnabled !== false;
  });
}

/** "ApplicationGroup" (groups assigned to the app) is not supported: Guestgate cannot assign groups to applications. */
const wantsGroups = (groupMembershipClaims: string | undefined) =>
  groupMembershipClaims === "SecurityGroup" || groupMembershipClaims === "All";

/**
 * The guest's direct groups and the groups containing them at any depth (Entra's groups claim
 * counts nested memberships), stopping once past the claim's limit: beyond it only "overage" matters.
 */
async function withContainingGroups(prisma: PrismaClient, tenantId: string, direct: string[]): Promise<string[]> {
  const all = new Set(direct);
  let frontier = direct;
  while (frontier.length > 0 && all.size <= GROUPS_CLAIM_LIMIT) {
    const rows = await prisma.groupNesting.findMany({
      where: { tenantId, childId: { in: frontier } },
      select: { parentId: true },
      take: GROUPS_CLAIM_LIMIT + 1,
    });
    frontier = [...new Set(rows.map((row) => row.parentId))].filter((id) => !all.has(id));
    for (const id of frontier) all.add(id);
  }
  return [...all].sort();
}

async function revokeGrant(prisma: PrismaClient, id: string, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.grant.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } }),
    prisma.refreshToken.updateMany({ where: { grantId: id, revokedAt: null }, data: { revokedAt: now } }),
  ]);
}

function keyData(key: Omit<SigningKeyRecord, "state" | "retiredAt">) {
  return {
    tenantId: key.tenantId,
    kid: key.kid,
    alg: key.alg,
    publicJwk: JSON.stringify(key.publicJwk),
    privateJwkEncrypted: key.privateJwkEncrypted,
    state: "active",
    activeSlot: `${key.tenantId}:${key.alg}`,
    activatedAt: key.activatedAt,
  };
}

function jsonArray<T = string>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** The guest of rows that each carry it with one attribute value (or none: the LEFT JOIN's nulls). */
function guestOfRows(rows: GuestWithAttributeRow[]): GuestProfile {
  const row = rows[0]!;
  return {
    id: row.id,
    tenantId: row.tenantId,
    state: row.state === "active" ? "active" : "blocked",
    displayName: row.displayName,
    email: row.email,
    emailVerified: isTrue(row.emailVerified),
    attributes: Object.fromEntries(
      rows.filter((r) => r.attributeName !== null).map((r) => [r.attributeName!, jsonValue(r.attributeValue!)]),
    ),
    termsVersion: row.termsVersion,
  };
}

/** A row of findCodeWithGuest: the code's columns (some renamed beside the guest's), as stored. */
interface CodeWithGuestRow
  extends
    Omit<GuestWithAttributeRow, "id" | "tenantId" | "state" | "emailVerified">,
    Omit<AuthorizationCodeRecord, "id" | "tenantId" | "guestId" | "authTime" | "amr" | "expiresAt" | "consumedAt"> {
  codeId: string;
  codeTenantId: string;
  codeGuestId: string;
  authTime: RawDate;
  amr: string;
  expiresAt: RawDate;
  consumedAt: RawDate | null;
  /** The guest's columns, null when the code's guest is gone. */
  id: string | null;
  tenantId: string | null;
  state: string | null;
  emailVerified: boolean | number | bigint | null;
}

interface GuestWithAttributeRow {
  id: string;
  tenantId: string;
  state: string;
  displayName: string | null;
  email: string | null;
  emailVerified: boolean | number | bigint;
  termsVersion: string | null;
  attributeName: string | null;
  attributeValue: string | null;
}

/** A raw statement's boolean: PostgreSQL's is one, SQLite stores 0 or 1. */
interface SessionWithGuestStateRow {
  id: string;
  tenantId: string;
  guestId: string;
  sid: string;
  authTime: RawDate;
  amr: string;
  acr: string | null;
  remember: boolean | number | bigint;
  expiresAt: RawDate;
  endedAt: RawDate | null;
  guestState: string | null;
}

/** A DateTime column read by raw SQL: a Date from Prisma's mapping, else the stored text or epoch. */
type RawDate = Date | string | number | bigint;
function rawDate(value: RawDate | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : value);
}

function isTrue(value: boolean | number | bigint): boolean {
  return value === true || Number(value) === 1;
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface ApplicationRow {
  id: string;
  tenantId: string;
  clientId: string;
  name: string;
  clientType: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  grantTypes: string;
  appRoles: string;
  permissions: string;
  claimsByScope: boolean;
  groupMembershipClaims: string;
  localizedDisplayNames: string;
  createdAt: Date;
}

function toApplication(row: ApplicationRow): ApplicationRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    clientId: row.clientId,
    name: row.name,
    clientType: row.clientType === "confidential" ? "confidential" : "public",
    redirectUris: jsonArray(row.redirectUris),
    postLogoutRedirectUris: jsonArray(row.postLogoutRedirectUris),
    grantTypes: jsonArray<GrantType>(row.grantTypes),
    appRoles: jsonArray<AppRole>(row.appRoles),
    permissions: jsonArray(row.permissions),
    claimsByScope: row.claimsByScope,
    groupMembershipClaims: row.groupMembershipClaims,
    localizedDisplayNames: parseLocalizedNames(row.localizedDisplayNames),
    createdAt: row.createdAt,
  };
}

function toSession(row: Omit<OpSessionRecord, "amr"> & { amr: string; createdAt: Date }): OpSessionRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    guestId: row.guestId,
    sid: row.sid,
    authTime: row.authTime,
    amr: jsonArray(row.amr),
    acr: row.acr,
    remember: row.remember,
    expiresAt: row.expiresAt,
    endedAt: row.endedAt,
  };
}

function toGrant(row: Omit<GrantRecord, "amr" | "kind"> & { amr: string; kind: string }): GrantRecord {
  return {
    ...row,
    kind: row.kind === "client_credentials" ? "client_credentials" : "authorization_code",
    amr: jsonArray(row.amr),
  };
}
