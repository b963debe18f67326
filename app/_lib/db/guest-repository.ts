import { randomUUID } from "node:crypto";
import type { AttributeValue, GuestRepository, GuestSummary, StoredAttributes } from "../directory";
import { isUniqueViolation, type PrismaClient } from "./client";

/**
 * The directory's guests on Prisma. A self-service guest is written with its identity, its
 * attribute values and an audit event in one transaction; the unique (tenant, issuer, subject)
 * of the identities table decides a race, and the loser gets the winner's guest back.
 */
export function createGuestRepository(prisma: PrismaClient): GuestRepository {
  async function findByIdentity(tenantId: string, issuer: string, subject: string): Promise<GuestSummary | null> {
    const identity = await prisma.identity.findUnique({
      where: { tenantId_issuer_subject: { tenantId, issuer, subject } },
      select: { guest: { include: { attributes: true } } },
    });
    return identity && toGuestSummary(identity.guest);
  }

  async function find(tenantId: string, guestId: string): Promise<GuestSummary | null> {
    const row = await prisma.guest.findFirst({ where: { id: guestId, tenantId }, include: { attributes: true } });
    return row && toGuestSummary(row);
  }

  return {
    findByIdentity,
    find,

    async createWithIdentity(input) {
      const { tenantId, identity } = input;
      const existing = await findByIdentity(tenantId, identity.issuer, identity.subject);
      if (existing) return { guest: existing, created: false };

      const guestId = randomUUID();
      try {
        const [row] = await prisma.$transaction([
          prisma.guest.create({
            data: {
              id: guestId,
              tenantId,
              userType: "Guest",
              createdVia: "selfServiceSignUp",
              displayName: input.displayName,
              email: identity.email ?? null,
              emailVerified: identity.emailVerified,
              userFlowId: input.userFlowId,
              applicationId: input.applicationId,
              identityProvider: identity.providerId,
              identities: {
                create: {
                  tenantId,
                  issuer: identity.issuer,
                  subject: identity.subject,
                  provider: identity.providerId,
                  email: identity.email ?? null,
                  emailVerified: identity.emailVerified,
                },
              },
              attributes: { create: attributeRows(input.attributes) },
            },
            include: { attributes: true },
          }),
          prisma.auditEvent.create({
            data: {
              tenantId,
              type: "guest.created",
              ...guestActor(guestId),
              correlationId: input.journeyId,
              // names, not values: the audit log is no second copy of personal data
              data: JSON.stringify({
                userFlowId: input.userFlowId,
                applicationId: input.applicationId,
                identityProvider: identity.providerId,
                attributes: Object.keys(input.attributes),
              }),
            },
          }),
        ]);
        return { guest: toGuestSummary(row), created: true };
      } catch (error) {
        // A second request linked this identity between our read and our insert: theirs stands.
        if (isUniqueViolation(error)) {
          const winner = await findByIdentity(tenantId, identity.issuer, identity.subject);
          if (winner) return { guest: winner, created: false };
        }
        throw error;
      }
    },

    async saveAttributes(tenantId, guestId, values, journeyId, displayName, remove = []) {
      const rows = attributeRows(values);
      const removed = remove.filter((name) => !(name in values));
      await prisma.$transaction(async (tx) => {
        const guest = await tx.guest.findFirst({ where: { id: guestId, tenantId }, select: { id: true } });
        if (!guest) throw new Error(`no guest ${guestId} in tenant ${tenantId}`);
        if (rows.length === 0 && removed.length === 0) return;
        if (removed.length > 0) await tx.attributeValue.deleteMany({ where: { guestId, name: { in: removed } } });
        if (displayName !== undefined) await tx.guest.update({ where: { id: guestId }, data: { displayName } });
        for (const { name, value } of rows) {
          await tx.attributeValue.upsert({
            where: { guestId_name: { guestId, name } },
            create: { guestId, name, value },
            update: { value },
          });
        }
        await tx.auditEvent.create({
          data: {
            tenantId,
            type: "guest.attributesUpdated",
            ...guestActor(guestId),
            correlationId: journeyId,
            data: JSON.stringify({ attributes: rows.map((r) => r.name), ...(removed.length ? { removed } : {}) }),
          },
        });
      });
      const guest = await find(tenantId, guestId);
      if (!guest) throw new Error(`no guest ${guestId} in tenant ${tenantId}`);
      return guest;
    },

    async recordSignIn(tenantId, issuer, subject, at) {
      await prisma.identity.updateMany({ where: { tenantId, issuer, subject }, data: { lastSignInAt: at } });
    },
  };
}

/** Self-service: the guest acts on their own record. */
function guestActor(guestId: string) {
  return { actorType: "guest", actorId: guestId, targetType: "guest", targetId: guestId };
}

function attributeRows(values: StoredAttributes): { name: string; value: string }[] {
  return Object.entries(values)
    .filter((entry): entry is [string, AttributeValue] => entry[1] !== undefined)
    .map(([name, value]) => ({ name, value: JSON.stringify(value) }));
}

interface GuestRow {
  id: string;
  tenantId: string;
  state: string;
  userType: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
  userFlowId: string | null;
  applicationId: string | null;
  attributes: { name: string; value: string }[];
}

function toGuestSummary(row: GuestRow): GuestSummary {
  const attributes: Record<string, AttributeValue> = {};
  for (const { name, value } of row.attributes) {
    const decoded = jsonValue(value);
    if (decoded !== undefined) attributes[name] = decoded as AttributeValue;
  }
  return {
    id: row.id,
    tenantId: row.tenantId,
    state: row.state === "active" ? "active" : "blocked",
    userType: row.userType === "Member" ? "Member" : "Guest",
    email: row.email,
    emailVerified: row.emailVerified,
    displayName: row.displayName,
    attributes,
    signedUpVia: row.userFlowId && row.applicationId ? { userFlowName: row.userFlowId, clientId: row.applicationId } : null,
  };
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
