import type { GuestState, SignUpRequest, SignUpRequestState, SignUpRequestStore } from "../directory";
import { auditLogOn } from "./audit-log";
import type { PrismaClient } from "./client";
import { sharedTransaction } from "./shared-transaction";

const withGuest = { guest: { select: { email: true, displayName: true, state: true } } } as const;

interface Row {
  guestId: string;
  tenantId: string;
  userFlowName: string;
  clientId: string;
  locale: string;
  state: string;
  requestedAt: Date;
  autoDenyAt: Date | null;
  decidedAt: Date | null;
  decidedByType: string | null;
  decidedById: string | null;
  message: string | null;
  guest: { email: string | null; displayName: string | null; state: string };
}

/** The approval queue on Prisma: reads, and the decision as one conditional update (state still pending). */
export function createSignUpRequestStore(prisma: PrismaClient): SignUpRequestStore {
  return {
    async list(tenantId, { state, take }) {
      const rows = await prisma.signUpRequest.findMany({
        where: { tenantId, state },
        include: withGuest,
        orderBy: [{ requestedAt: state === "pending" ? "asc" : "desc" }, { guestId: "asc" }],
        take,
      });
      return rows.map(toRequest);
    },
    async find(tenantId, guestId) {
      const row = await prisma.signUpRequest.findFirst({ where: { tenantId, guestId }, include: withGuest });
      return row && toRequest(row);
    },
    async lapsed(now, take) {
      const rows = await prisma.signUpRequest.findMany({
        where: { state: "pending", autoDenyAt: { lte: now } },
        include: withGuest,
        orderBy: [{ autoDenyAt: "asc" }, { guestId: "asc" }],
        take,
      });
      return rows.map(toRequest);
    },
    transaction(work) {
      return sharedTransaction(prisma, (tx) =>
        work({
          async decide(tenantId, guestId, decision) {
            const { count } = await tx.signUpRequest.updateMany({
              where: { tenantId, guestId, state: "pending" },
              data: {
                state: decision.state,
                decidedAt: decision.at,
                decidedByType: decision.by.type,
                decidedById: decision.by.id,
                message: decision.message,
              },
            });
            return count === 1;
          },
          async settleGuest(tenantId, guestId, state) {
            await tx.guest.updateMany({ where: { id: guestId, tenantId, state: "pendingApproval" }, data: { state } });
          },
          audit: auditLogOn(tx),
        }),
      );
    },
  };
}

function toRequest(row: Row): SignUpRequest {
  return {
    guestId: row.guestId,
    tenantId: row.tenantId,
    userFlowName: row.userFlowName,
    clientId: row.clientId,
    locale: row.locale,
    state: row.state as SignUpRequestState,
    requestedAt: row.requestedAt,
    autoDenyAt: row.autoDenyAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedByType && row.decidedById ? { type: row.decidedByType, id: row.decidedById } : null,
    message: row.message,
    guest: { email: row.guest.email, displayName: row.guest.displayName, state: row.guest.state as GuestState },
  };
}

/** At most this many approvers are mailed per request (a group of thousands is a mailing list, not a queue). */
const MAX_APPROVERS = 50;

/**
 * The approvers a new request is mailed to: the active direct members of the flow's approver group
 * when it names one (in this tenant), else the tenant's active User and Global Administrators; each
 * with the language tag of their profile (the `preferredLanguage` attribute), so each is mailed in it.
 */
export async function approverAddresses(
  prisma: PrismaClient,
  tenantId: string,
  groupId?: string,
): Promise<{ email: string; preferredLanguage: string | null }[]> {
  const active = { tenantId, state: "active", email: { not: null } } as const;
  const select = { email: true, attributes: { where: { name: "preferredLanguage" }, select: { value: true } } } as const;
  const rows = groupId
    ? await prisma.guest.findMany({
        where: { ...active, groups: { some: { groupId, tenantId } } },
        select,
        orderBy: { id: "asc" },
        take: MAX_APPROVERS,
      })
    : await prisma.guest.findMany({
        where: {
          ...active,
          userType: "Member",
          directoryRoles: { some: { tenantId, role: { in: ["globalAdministrator", "userAdministrator"] } } },
        },
        select,
        orderBy: { id: "asc" },
        take: MAX_APPROVERS,
      });
  const byEmail = new Map<string, string | null>();
  for (const row of rows) if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, languageOf(row.attributes[0]?.value));
  return [...byEmail].map(([email, preferredLanguage]) => ({ email, preferredLanguage }));
}

/** An attribute value is stored as JSON; a language tag is a JSON string. */
function languageOf(stored: string | undefined): string | null {
  if (!stored) return null;
  try {
    const value: unknown = JSON.parse(stored);
    return typeof value === "string" && value ? value : null;
  } catch {
    return null;
  }
}
