// Background jobs: a registry later features add to, a runner that takes one lease per job (so
// with several instances each job runs once per period), a scheduler for `npm start` and the
// purge jobs of every store that expires. Framework-free: stores and leases come as ports.
export type { Job, JobContext, JobResult, JobLeaseStore, JobLeaseRecord, ExpiringStore, JobLog } from "./types";
export { createJobRegistry, type JobRegistry } from "./registry";
export { createJobRunner, DEFAULT_LEASE_SECONDS, type JobRunner, type JobOutcome, type RunOptions } from "./runner";
export { startJobScheduler, type JobScheduler, type SchedulerOptions } from "./scheduler";
export { purgeJob, DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCHES, type PurgeJobOptions } from "./purge";
export { expiryJobs, type ExpiringStores } from "./expiry-jobs";
export { jobLogOver } from "./log";
export { jobHolderId } from "./holder";
