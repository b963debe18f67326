import { addDuration } from "./durations";
import { scheduleOf } from "./delivery";
import { invalid } from "./errors";
import type { PolicyRecord } from "./records";

/** A requestor's own schedule as Graph's entitlementManagementSchedule carries it (contract §7.2). */
export interface RequestedSchedule {
  startDateTime?: string | null;
  expiration?: { type?: string | null; endDateTime?: string | null; duration?: string | null } | null;
}

/** What is wrong with a requested schedule, by the part of it that is wrong. */
export type ScheduleProblem = "notAllowed" | "startPast" | "endBeforeStart" | "endPastPolicy" | "invalidDate";
export type ScheduleField = "schedule.startDateTime" | "schedule.expiration";

/** A start this long ago still means "now": the form's date of today, a clock a little behind. */
const START_GRACE_MS = 24 * 3600 * 1000;

const MESSAGES: Record<ScheduleProblem, string> = {
  notAllowed: "The policy does not let requestors choose their own schedule (allowCustomAssignmentSchedule).",
  startPast: "The start is in the past.",
  endBeforeStart: "The end must come after the start.",
  endPastPolicy: "The end is later than the policy's expiration allows.",
  invalidDate: "The date is not a date.",
};

const isEmpty = (r: RequestedSchedule | null | undefined) =>
  !r || (!r.startDateTime && !r.expiration?.endDateTime && !r.expiration?.duration);

const allowsCustom = (policy: PolicyRecord) =>
  !!(policy.settings.requestorSettings as { allowCustomAssignmentSchedule?: boolean } | null)?.allowCustomAssignmentSchedule;

/**
 * Every problem of a requested schedule under the policy: a custom schedule needs the policy's
 * `allowCustomAssignmentSchedule`; the start is not in the past; the end comes after the start
 * (or now) and not later than the policy's own expiration counted from that start.
 */
export function scheduleProblems(
  policy: PolicyRecord,
  requested: RequestedSchedule | null | undefined,
  now: Date,
): Partial<Record<ScheduleField, ScheduleProblem>> {
  if (isEmpty(requested)) return {};
  if (!allowsCustom(policy)) return { "schedule.startDateTime": "notAllowed" };
  const problems: Partial<Record<ScheduleField, ScheduleProblem>> = {};
  const start = requested!.startDateTime ? new Date(requested!.startDateTime) : now;
  if (Number.isNaN(start.getTime())) problems["schedule.startDateTime"] = "invalidDate";
  else if (start.getTime() < now.getTime() - START_GRACE_MS) problems["schedule.startDateTime"] = "startPast";
  const from = Number.isNaN(start.getTime()) || start < now ? now : start;
  const end = endOfRequest(requested!, from);
  if (end && Number.isNaN(end.getTime())) problems["schedule.expiration"] = "invalidDate";
  else if (end && end <= from) problems["schedule.expiration"] = "endBeforeStart";
  else if (end) {
    const limit = scheduleOf(policy.settings.expiration, from).expiresAt;
    if (limit && end > limit) problems["schedule.expiration"] = "endPastPolicy";
  }
  return problems;
}

const endOfRequest = (requested: RequestedSchedule, from: Date): Date | null =>
  requested.expiration?.endDateTime
    ? new Date(requested.expiration.endDateTime)
    : requested.expiration?.duration
      ? addDuration(from, requested.expiration.duration)
      : null;

/**
 * The schedule a request keeps, and when its delivery may start: nothing requested keeps `{}` and
 * the policy's expiration at delivery; else the start (null: at once) and the end, written as
 * Graph does (`afterDateTime` with the end, or the policy's expiration when only a start was asked).
 * Throws the first problem as a Graph 400 naming it.
 */
export function requestedScheduleOf(
  policy: PolicyRecord,
  requested: RequestedSchedule | null | undefined,
  now: Date,
): { schedule: Record<string, unknown>; startsAt: Date | null } {
  const [problem] = Object.entries(scheduleProblems(policy, requested, now)) as [ScheduleField, ScheduleProblem][];
  if (problem) throw invalid(problem[0], MESSAGES[problem[1]]);
  if (isEmpty(requested)) return { schedule: {}, startsAt: null };
  const start = requested!.startDateTime ? new Date(requested!.startDateTime) : null;
  const startsAt = start && start > now ? start : null;
  const end = endOfRequest(requested!, startsAt ?? now);
  const policyExpiration = scheduleOf(policy.settings.expiration, startsAt ?? now).schedule.expiration;
  return {
    schedule: {
      startDateTime: (startsAt ?? now).toISOString(),
      recurrence: null,
      expiration: end ? { type: "afterDateTime", endDateTime: end.toISOString(), duration: null } : policyExpiration,
    },
    startsAt,
  };
}

/**
 * The assignment's schedule and end when a request is delivered: its own end (afterDateTime)
 * when the requestor chose one, else the policy's expiration counted from now.
 */
export function deliveredScheduleOf(policy: PolicyRecord, requestSchedule: Record<string, unknown>, now: Date) {
  const expiration = (requestSchedule.expiration ?? null) as { type?: string; endDateTime?: string | null } | null;
  if (expiration?.type === "afterDateTime" && expiration.endDateTime) {
    const expiresAt = new Date(expiration.endDateTime);
    return {
      schedule: {
        startDateTime: now.toISOString(),
        recurrence: null,
        expiration: { type: "afterDateTime", endDateTime: expiresAt.toISOString(), duration: null },
      },
      expiresAt,
    };
  }
  return scheduleOf(policy.settings.expiration, now);
}
