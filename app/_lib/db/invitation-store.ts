import {
  INVITATION_STATUSES,
  type InvitationListQuery,
  type InvitationReads,
  type InvitationRecord,
  type InvitationStatus,
  type InvitationStore,
  type InvitationUnit,
} from "../invitations";
import { auditLogOn } from "./audit-log";
import { sharedTransaction } from "./shared-transaction";
import type { PrismaClient } from "./client";
import type { Invitation as InvitationRow, Prisma } from "../../../prisma/generated/client/sqlite/client";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Invitations on Prisma: plain reads and writes for the invitation service. `update` is one
 * conditional UPDATE (`updateMany` on id, tenant and the expected status, ticket and expiry), so of
 * two redemptions of one ticket exactly one changes the row, on SQLite and PostgreSQL alike.
 */
export function createInvitationStore(prisma: PrismaClient): InvitationStore {
  return {
    ...reads(prisma),
    async findByTicket(ticketHash) {
      const row = await prisma.invitation.findUnique({ where: { ticketHash } });
      return row && toRecord(row);
    },
    async list(tenantId, query) {
      const rows = await prisma.invitation.findMany({
        where: { AND: [{ tenantId }, stateWhere(query), afterWhere(query)] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: query.take,
      });
      return rows.map(toRecord);
    },
    async dueForReminder(tenantId, sentBefore, now, limit) {
      const rows = await prisma.invitation.findMany({
        where: {
          tenantId,
          status: "pending",
          ticketExpiresAt: { gt: now },
          reminderSentAt: null,
          OR: [{ lastSentAt: { lte: sentBefore } }, { lastSentAt: null, createdAt: { lte: sentBefore } }],
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toRecord);
    },
    // Shared, so the directory's writes inside (linking the invitee's identity) commit with it.
    transaction: (work) => sharedTransaction(prisma, (tx) => work(unit(tx))),
  };
}

function reads(client: Tx): InvitationReads {
  return {
    async find(tenantId, id) {
      const row = await client.invitation.findFirst({ where: { id, tenantId } });
      return row && toRecord(row);
    },
    async findByGuest(tenantId, guestId) {
      const row = await client.invitation.findUnique({ where: { tenantId_guestId: { tenantId, guestId } } });
      return row && toRecord(row);
    },
  };
}

function unit(tx: Tx): InvitationUnit {
  return {
    ...reads(tx),
    async insert(record) {
      await tx.invitation.create({ data: record });
    },
    async update(tenantId, id, expect, changes) {
      const where: Prisma.InvitationWhereInput = { id, tenantId };
      if (expect.status !== undefined) where.status = expect.status;
      if (expect.ticketHash !== undefined) where.ticketHash = expect.ticketHash;
      if (expect.ticketValidAt !== undefined) where.ticketExpiresAt = { gt: expect.ticketValidAt };
      if (expect.updatedAt !== undefined) where.updatedAt = expect.updatedAt;
      return (await tx.invitation.updateMany({ where, data: changes })).count === 1;
    },
    audit: auditLogOn(tx),
  };
}

function stateWhere(query: InvitationListQuery): Prisma.InvitationWhereInput {
  switch (query.state) {
    case undefined:
      return {};
    case "expired":
      return { status: "pending", ticketExpiresAt: { lte: query.now } };
    case "pending":
      return { status: "pending", ticketExpiresAt: { gt: query.now } };
    default:
      return { status: query.state };
  }
}

function afterWhere(query: InvitationListQuery): Prisma.InvitationWhereInput {
  if (!query.after) return {};
  const { createdAt, id } = query.after;
  return { OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] };
}

function toRecord(row: InvitationRow): InvitationRecord {
  if (!(INVITATION_STATUSES as readonly string[]).includes(row.status)) throw new Error(`invitation ${row.id}: unknown status`);
  return {
    ...row,
    status: row.status as InvitationStatus,
    userType: row.userType === "Member" ? "Member" : "Guest",
  };
}
