import type {
  AssignmentRecord,
  ExpiryNoticeDays,
  ExternalUserRecord,
  LifecycleReads,
  LifecycleWrites,
  StageRecord,
} from "../access";
import type { Prisma } from "../../../prisma/generated/client/sqlite/client";
import type { Tx } from "./shared-transaction";

type AssignmentRow = Prisma.AccessPackageAssignmentGetPayload<object>;
type ExternalUserRow = Prisma.AccessPackageExternalUserGetPayload<object>;
type StageRow = Prisma.AccessPackageApprovalStageGetPayload<object>;

const toExternalUser = (row: ExternalUserRow): ExternalUserRecord => ({
  ...row,
  state: row.state as ExternalUserRecord["state"],
});

/** A `preferredLanguage` attribute value is stored JSON-encoded (directory attributes). */
function languageOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "string" && parsed.trim() ? parsed.trim() : null;
  } catch {
    return null;
  }
}

/**
 * The reads of access-package mails, reminders, crash recovery and the external-user lifecycle
 * (access/lifecycle-records.ts). `assignments` turns rows into records with their people, as the
 * entitlement store does.
 */
export function lifecycleReads(
  client: Tx,
  assignments: (rows: AssignmentRow[]) => Promise<AssignmentRecord[]>,
  stages: (rows: StageRow[]) => StageRecord[],
): LifecycleReads {
  return {
    async dueEscalations(now, take) {
      const rows = await client.accessPackageApprovalStage.findMany({
        where: { status: "InProgress", escalatedAt: null, escalateAt: { lte: now } },
        orderBy: [{ escalateAt: "asc" }, { id: "asc" }],
        take,
      });
      return stages(rows);
    },
    async contactsOf(tenantId, ids) {
      if (!ids.length) return [];
      const rows = await client.guest.findMany({
        where: { tenantId, id: { in: [...new Set(ids)] } },
        select: {
          id: true,
          email: true,
          displayName: true,
          createdVia: true,
          state: true,
          attributes: { where: { name: "preferredLanguage" }, select: { value: true } },
        },
        orderBy: { id: "asc" },
      });
      return rows.map(({ attributes, ...row }) => ({ ...row, preferredLanguage: languageOf(attributes[0]?.value) }));
    },
    async groupMemberIds(tenantId, groupId, take) {
      const rows = await client.groupMember.findMany({
        where: { tenantId, groupId },
        select: { guestId: true },
        orderBy: { guestId: "asc" },
        take,
      });
      return rows.map((row) => row.guestId);
    },
    async expiringAssignments(now, weekAhead, dayAhead, take) {
      const rows = await client.accessPackageAssignment.findMany({
        where: {
          state: "delivered",
          expiresAt: { gt: now },
          OR: [
            { expiryNoticeDays: null, expiresAt: { lte: weekAhead } },
            { expiryNoticeDays: 7, expiresAt: { lte: dayAhead } },
          ],
        },
        orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
        take,
      });
      const records = await assignments(rows);
      return records.map((record, index) => ({
        ...record,
        expiryNoticeDays: rows[index]!.expiryNoticeDays as ExpiryNoticeDays,
      }));
    },
    staleDeliveries: (before, take) =>
      client.accessPackageAssignmentRequest.findMany({
        where: { state: "delivering", OR: [{ deliveryStartedAt: null }, { deliveryStartedAt: { lt: before } }] },
        select: { id: true, tenantId: true, deliveryStartedAt: true },
        orderBy: [{ deliveryStartedAt: "asc" }, { id: "asc" }],
        take,
      }),
    async findExternalUser(tenantId, guestId) {
      const row = await client.accessPackageExternalUser.findFirst({ where: { tenantId, guestId } });
      return row && toExternalUser(row);
    },
    async dueExternalUsers(now, take) {
      const rows = await client.accessPackageExternalUser.findMany({
        where: { OR: [{ state: "ended" }, { state: "blocked", deleteAt: { lte: now } }] },
        orderBy: [{ endedAt: "asc" }, { guestId: "asc" }],
        take,
      });
      return rows.map(toExternalUser);
    },
    async holdsOrAwaitsAccess(tenantId, guestId) {
      const [held, delivering] = await Promise.all([
        client.accessPackageAssignment.count({ where: { tenantId, targetGuestId: guestId, state: "delivered" } }),
        client.accessPackageAssignmentRequest.count({ where: { tenantId, targetGuestId: guestId, state: "delivering" } }),
      ]);
      return held + delivering > 0;
    },
  };
}

export function lifecycleWrites(tx: Tx): LifecycleWrites {
  return {
    async recordExpiryNotice(id, from, to) {
      const { count } = await tx.accessPackageAssignment.updateMany({
        where: { id, state: "delivered", expiryNoticeDays: from },
        data: { expiryNoticeDays: to },
      });
      return count > 0;
    },
    async markEscalated(id, now) {
      const { count } = await tx.accessPackageApprovalStage.updateMany({
        where: { id, status: "InProgress", escalatedAt: null },
        data: { escalatedAt: now },
      });
      return count > 0;
    },
    async restartDelivery(id, since, now) {
      const { count } = await tx.accessPackageAssignmentRequest.updateMany({
        where: { id, state: "delivering", deliveryStartedAt: since },
        data: { deliveryStartedAt: now },
      });
      return count > 0;
    },
    async markExternalUserEnded(tenantId, guestId, endedAt) {
      await tx.accessPackageExternalUser.upsert({
        where: { guestId },
        create: { guestId, tenantId, state: "ended", endedAt },
        update: {},
      });
    },
    async updateExternalUser(guestId, from, changes) {
      const { count } = await tx.accessPackageExternalUser.updateMany({ where: { guestId, state: from }, data: changes });
      return count > 0;
    },
    async deleteExternalUser(guestId) {
      await tx.accessPackageExternalUser.deleteMany({ where: { guestId } });
    },
  };
}
