import type { AuditEventInput } from "../../directory";
import type { InvitationListQuery, InvitationRecord, InvitationStore, InvitationUnit } from "../types";

/**
 * The invitation store in memory, with the Prisma store's contract: one unit of work at a time,
 * all of its writes and audit events or none, the ticket hash and (tenant, guest) unique, and
 * conditional updates that apply only while the row is as expected.
 */
export function createMemoryInvitationStore() {
  let rows = new Map<string, InvitationRecord>();
  let audit: AuditEventInput[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  let tick = 0;
  // Distinct, increasing timestamps, so keyset order and updatedAt checks behave as in a database.
  const stamp = () => new Date(Date.UTC(2026, 0, 1) + ++tick);
  const copy = (row: InvitationRecord | undefined) => (row ? structuredClone(row) : null);

  const reads = (state: Map<string, InvitationRecord>) => ({
    async find(tenantId: string, id: string) {
      const row = state.get(id);
      return row && row.tenantId === tenantId ? copy(row) : null;
    },
    async findByGuest(tenantId: string, guestId: string) {
      return copy([...state.values()].find((row) => row.tenantId === tenantId && row.guestId === guestId));
    },
  });

  const store: InvitationStore = {
    ...reads(rows),
    async find(tenantId, id) {
      return reads(rows).find(tenantId, id);
    },
    async findByGuest(tenantId, guestId) {
      return reads(rows).findByGuest(tenantId, guestId);
    },
    async findByTicket(hash) {
      return copy([...rows.values()].find((row) => row.ticketHash === hash));
    },
    async list(tenantId, query: InvitationListQuery) {
      return [...rows.values()]
        .filter((row) => row.tenantId === tenantId && matchesState(row, query))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
        .filter(
          (row) =>
            !query.after ||
            row.createdAt > query.after.createdAt ||
            (row.createdAt.getTime() === query.after.createdAt.getTime() && row.id > query.after.id),
        )
        .slice(0, query.take)
        .map((row) => structuredClone(row));
    },
    async dueForReminder(tenantId, sentBefore, now, limit) {
      return [...rows.values()]
        .filter(
          (row) =>
            row.tenantId === tenantId &&
            row.status === "pending" &&
            row.ticketExpiresAt > now &&
            row.reminderSentAt === null &&
            (row.lastSentAt === null ? row.createdAt <= sentBefore : row.lastSentAt <= sentBefore),
        )
        .slice(0, limit)
        .map((row) => structuredClone(row));
    },
    transaction<T>(work: (unit: InvitationUnit) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        const draft = new Map([...rows].map(([id, row]) => [id, structuredClone(row)]));
        const events: AuditEventInput[] = [];
        const unit: InvitationUnit = {
          ...reads(draft),
          async insert(record) {
            if (draft.has(record.id)) throw new Error("duplicate invitation id");
            if ([...draft.values()].some((row) => row.ticketHash === record.ticketHash)) throw new Error("duplicate ticket hash");
            if ([...draft.values()].some((row) => row.tenantId === record.tenantId && row.guestId === record.guestId))
              throw new Error("duplicate invitation of a guest");
            const at = stamp();
            draft.set(record.id, { ...structuredClone(record), createdAt: at, updatedAt: at });
          },
          async update(tenantId, id, expect, changes) {
            const row = draft.get(id);
            if (!row || row.tenantId !== tenantId) return false;
            if (expect.status !== undefined && row.status !== expect.status) return false;
            if (expect.ticketHash !== undefined && row.ticketHash !== expect.ticketHash) return false;
            if (expect.ticketValidAt !== undefined && !(row.ticketExpiresAt > expect.ticketValidAt)) return false;
            if (expect.updatedAt !== undefined && row.updatedAt.getTime() !== expect.updatedAt.getTime()) return false;
            if (
              changes.ticketHash &&
              [...draft.values()].some((other) => other.id !== id && other.ticketHash === changes.ticketHash)
            )
              throw new Error("duplicate ticket hash");
            draft.set(id, { ...row, ...structuredClone(changes), updatedAt: stamp() });
            return true;
          },
          audit: {
            async append(event) {
              events.push(structuredClone(event));
            },
          },
        };
        const result = await work(unit);
        rows = draft;
        audit = [...audit, ...events];
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
  return Object.assign(store, {
    /** Every audit event written so far (tests). */
    events: () => audit.map((event) => structuredClone(event)),
    /** Every row as stored (tests: to see that no ticket is stored in the clear). */
    rows: () => [...rows.values()].map((row) => structuredClone(row)),
  });
}

function matchesState(row: InvitationRecord, query: InvitationListQuery): boolean {
  if (!query.state) return true;
  const expired = row.status === "pending" && row.ticketExpiresAt <= query.now;
  if (query.state === "expired") return expired;
  if (query.state === "pending") return row.status === "pending" && !expired;
  return row.status === query.state;
}
