import { scheduleProblems, type PolicyRecord, type RequestedSchedule } from "../access";
import type { FieldProblem } from "./form-state";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The request form's own dates (`startDate`, `endDate`, as a date input posts them) as Graph's
 * schedule: the access starts at the start of the start day and ends at the end of the end day
 * (UTC); empty fields ask for nothing (now, and the policy's end). A value that is not a date
 * stays one the service refuses as such.
 */
export function scheduleOfForm(startDate: string, endDate: string): RequestedSchedule | null {
  const start = startDate.trim();
  const end = endDate.trim();
  if (!start && !end) return null;
  const at = (date: string, time: string) => (DATE.test(date) ? `${date}T${time}Z` : "not-a-date");
  return {
    startDateTime: start ? at(start, "00:00:00") : null,
    expiration: end ? { type: "afterDateTime", endDateTime: at(end, "23:59:59") } : null,
  };
}

/** The schedule's problems as the form's fields: the start date, the end date. */
export function scheduleFieldProblems(policy: PolicyRecord, schedule: RequestedSchedule | null): Record<string, FieldProblem> {
  const problems = scheduleProblems(policy, schedule, new Date());
  const fields: Record<string, FieldProblem> = {};
  if (problems["schedule.startDateTime"]) fields.startDate = problems["schedule.startDateTime"];
  if (problems["schedule.expiration"]) fields.endDate = problems["schedule.expiration"];
  return fields;
}
