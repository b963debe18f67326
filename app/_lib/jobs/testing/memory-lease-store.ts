import type { JobLeaseRecord, JobLeaseStore } from "../types";

/** The lease rules of db/job-lease-store.ts over a Map, for unit tests. */
export function createMemoryLeaseStore(): JobLeaseStore & { rows: Map<string, JobLeaseRecord> } {
  const rows = new Map<string, JobLeaseRecord>();
  return {
    rows,
    async take({ name, holder, now, leasedUntil, dueBefore }) {
      const row = rows.get(name) ?? {
        name,
        holder: "",
        leasedUntil: new Date(0),
        lastRunAt: null,
        lastFinishedAt: null,
        lastOutcome: null,
        lastResult: null,
        runs: 0,
      };
      rows.set(name, row);
      if (row.leasedUntil > now) return false;
      if (dueBefore && row.lastRunAt && row.lastRunAt > dueBefore) return false;
      Object.assign(row, { holder, leasedUntil, runs: row.runs + 1 });
      return true;
    },
    async finish({ name, holder, startedAt, finishedAt, outcome, result }) {
      const row = rows.get(name);
      if (!row || row.holder !== holder || row.leasedUntil <= startedAt) return;
      Object.assign(row, {
        leasedUntil: finishedAt,
        lastRunAt: startedAt,
        lastFinishedAt: finishedAt,
        lastOutcome: outcome,
        lastResult: result,
      });
    },
    async list() {
      return [...rows.values()].map((row) => ({ ...row }));
    },
  };
}
