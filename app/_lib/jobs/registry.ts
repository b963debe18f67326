import type { Job } from "./types";

const JOB_NAME = /^[a-z][a-z0-9-]{1,62}[a-z0-9]$/;

/** The jobs of this deployment, in registration order (the order `jobs run` runs them in). */
export interface JobRegistry {
  register(job: Job): void;
  list(): readonly Job[];
  find(name: string): Job | undefined;
}

export function createJobRegistry(jobs: readonly Job[] = []): JobRegistry {
  const byName = new Map<string, Job>();
  const registry: JobRegistry = {
    register(job) {
      if (!JOB_NAME.test(job.name)) throw new Error(`job name "${job.name}": lower-case letters, digits and hyphens`);
      if (byName.has(job.name)) throw new Error(`job "${job.name}" is registered twice`);
      if (!(job.everySeconds >= 1)) throw new Error(`job "${job.name}": everySeconds must be at least 1`);
      if (job.leaseSeconds !== undefined && !(job.leaseSeconds >= 1))
        throw new Error(`job "${job.name}": leaseSeconds must be at least 1`);
      byName.set(job.name, job);
    },
    list: () => [...byName.values()],
    find: (name) => byName.get(name),
  };
  for (const job of jobs) registry.register(job);
  return registry;
}
