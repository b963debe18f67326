import type { AdminSessionRecord, AdminSessionStore } from "../sessions";

/** The session store's contract in memory, for unit tests of the session service and the guard. */
export function createMemoryAdminSessionStore(): AdminSessionStore & { rows: Map<string, AdminSessionRecord> } {
  const rows = new Map<string, AdminSessionRecord>();
  return {
    rows,
    async create(record) {
      rows.set(record.id, { ...record });
    },
    async findByTokenHash(tenantId, tokenHash) {
      const found = [...rows.values()].find((row) => row.tenantId === tenantId && row.tokenHash === tokenHash);
      return found && { ...found };
    },
    async touch(id, changes) {
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, ...changes });
    },
    async delete(id) {
      rows.delete(id);
    },
    async deleteExpired(before, limit) {
      let deleted = 0;
      for (const [id, row] of rows) {
        if (deleted >= limit) break;
        if (row.expiresAt < before) {
          rows.delete(id);
          deleted++;
        }
      }
      return deleted;
    },
  };
}
