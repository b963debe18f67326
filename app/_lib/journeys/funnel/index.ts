// The sign-up funnel: what the journey engine records about each sign-up journey, and the report
// the admin overview draws from it. Domain code: the store is a port.
export * from "./types";
export { createFunnelRecorder, funnelDay } from "./recorder";
export {
  createFunnelReports,
  funnelReport,
  daysOf,
  recentRange,
  FunnelError,
  MAX_FUNNEL_DAYS,
  DROP_OUT_REASONS,
  type DropOut,
  type DropOutReason,
  type FunnelRange,
  type FunnelReport,
  type FunnelReports,
  type FunnelSeries,
  type StepCounts,
} from "./report";
