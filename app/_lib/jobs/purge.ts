import type { ExpiringStore, Job } from "./types";

export interface PurgeJobOptions {
  /** The job's name, e.g. "purge-journeys". */
  name: string;
  /** What is counted in the result, e.g. "journeys". */
  kind: string;
  store: ExpiringStore;
  /**
   * How long after a row died it is kept (e.g. so that a late replay of an authorization code is
   * still recognised and revokes its grant). Rows are deleted once dead for longer than this.
   */
  keepSeconds: number;
  everySeconds: number;
  /** Rows per delete statement. */
  batchSize?: number;
  /** Batches per run: one run stays bounded; what is left waits for the next period. */
  maxBatches?: number;
}

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_MAX_BATCHES = 40;

/** A job that deletes what a store says is dead, in bounded batches. */
export function purgeJob(options: PurgeJobOptions): Job {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? DEFAULT_MAX_BATCHES;
  return {
    name: options.name,
    summary: `delete ${options.kind} dead for more than ${options.keepSeconds} s`,
    everySeconds: options.everySeconds,
    async run({ now }) {
      const before = new Date(now.getTime() - options.keepSeconds * 1000);
      let deleted = 0;
      for (let batch = 0; batch < maxBatches; batch++) {
        const count = await options.store.deleteExpired(before, batchSize);
        deleted += count;
        if (count < batchSize) break;
      }
      return { [options.kind]: deleted };
    },
  };
}
