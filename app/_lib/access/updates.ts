import { event, personOf, type Call, type Clock, type EntitlementPorts } from "./common";
import type { RequestedSchedule } from "./custom-schedule";
import { scheduleOf } from "./delivery";
import { EntitlementError, invalid, isEntitlementError } from "./errors";
import { authorize } from "./permissions";
import { createNotifier, requestSubject } from "./notifications";
import type { EntitlementStore, EntitlementUnit, PolicyRecord, RequestRecord, StageSettings } from "./records";
import { addDuration } from "./durations";

/** Request types that change a delivered assignment instead of making one. */
export const UPDATE_TYPES: readonly string[] = ["userExtend", "adminUpdate"];

/** The new end of an extension: the policy's expiration counted from now, only if later than the current end. */
export function extensionOf(policy: PolicyRecord, currentEnd: Date | null, now: Date) {
  const { schedule, expiresAt } = scheduleOf(policy.settings.expiration, now);
  if (!expiresAt || !currentEnd || expiresAt <= currentEnd) return null;
  return { schedule, expiresAt };
}

/** Copies a policy's approval stages onto a request: the first starts now, the rest wait. */
export async function createStages(unit: EntitlementUnit, call: Call, requestId: string, stages: StageSettings[], now: Date) {
  for (const [sequence, settings] of stages.entries())
    await unit.createStage({
      tenantId: call.tenantId,
      requestId,
      sequence,
      status: sequence === 0 ? "InProgress" : "NotStarted",
      settings,
      startedAt: sequence === 0 ? now : null,
      dueAt: sequence === 0 ? addDuration(now, settings.durationBeforeAutomaticDenial) : null,
    });
}

const failure = (error: unknown) =>
  isEntitlementError(error) ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Delivers an approved extension (userExtend) or schedule change (adminUpdate) in state
 * `delivering`: the assignment's end moves — an extension to the policy's expiration counted from
 * the moment it is delivered, a schedule change to the end the request carries — and the request
 * becomes `delivered`, in one transaction; an assignment that ended meanwhile, or an extension
 * that would not move the end, leaves the request `deliveryFailed` with the reason.
 */
export async function deliverUpdate(
  store: EntitlementStore,
  ports: EntitlementPorts,
  clock: Clock,
  call: Call,
  request: RequestRecord,
): Promise<void> {
  let expiresAt: Date | null = null;
  try {
    expiresAt = await store.transaction(async (unit) => {
      const assignment = request.assignmentId ? await unit.findAssignment(call.tenantId, request.assignmentId) : null;
      if (!assignment || assignment.state !== "delivered") throw new EntitlementError("conflict", "The assignment has ended.");
      const policy = await unit.findPolicy(call.tenantId, assignment.policyId);
      if (!policy) throw new EntitlementError("invalid", "The assignment's policy no longer exists.");
      const now = clock.now();
      const change =
        request.requestType === "userExtend"
          ? extensionOf(policy, assignment.expiresAt, now)
          : { schedule: request.schedule, expiresAt: endOf(request.schedule) };
      if (!change) throw new EntitlementError("invalid", "The assignment cannot be extended: its policy gives no later end.");
      await unit.updateAssignment(assignment.id, "delivered", change);
      if (
        !(await unit.updateRequest(request.id, ["delivering"], {
          state: "delivered",
          status: "Delivered",
          completedAt: now,
          schedule: change.schedule,
        }))
      )
        throw new EntitlementError("conflict", "The request is no longer being delivered.");
      await unit.audit.append(
        event(
          call,
          request.requestType === "userExtend" ? "accessPackageAssignment.extended" : "accessPackageAssignment.updated",
          { type: "guest", id: assignment.target.id },
          {
            accessPackageId: assignment.accessPackageId,
            assignmentId: assignment.id,
            requestId: request.id,
            expiresAt: change.expiresAt?.toISOString() ?? null,
          },
        ),
      );
      return change.expiresAt;
    });
  } catch (error) {
    const reason = failure(error).slice(0, 1000);
    await store.transaction(async (unit) => {
      if (
        !(await unit.updateRequest(request.id, ["delivering"], {
          state: "deliveryFailed",
          status: "DeliveryFailed",
          failureReason: reason,
        }))
      )
        return;
      await unit.audit.append(
        event(
          call,
          "accessPackageAssignmentRequest.deliveryFailed",
          { type: "accessPackageAssignmentRequest", id: request.id },
          {
            accessPackageId: request.accessPackageId,
            reason,
          },
        ),
      );
    });
    return;
  }
  await createNotifier(store, ports).tellPerson("delivered", requestSubject(request), { expiresAt });
}

/** The end a stored schedule names (afterDateTime), or null for no end. */
export function endOf(schedule: Record<string, unknown>): Date | null {
  const expiration = (schedule.expiration ?? {}) as { endDateTime?: string | null };
  return expiration.endDateTime ? new Date(expiration.endDateTime) : null;
}

export interface UpdateVerbs {
  /**
   * Graph `adminUpdate`: an administrator (or application) changes a delivered assignment's end —
   * `noExpiration`, `afterDateTime` (a future end) or `afterDuration` (counted from now); delivered
   * at once, recorded as a delivered adminUpdate request and audited `accessPackageAssignment.updated`.
   */
  adminUpdate(
    call: Call,
    input: { assignmentId: string; justification: string; schedule: RequestedSchedule | null | undefined },
  ): Promise<RequestRecord>;
}

export function updateVerbs(store: EntitlementStore, clock: Clock, ports: EntitlementPorts): UpdateVerbs {
  return {
    async adminUpdate(call, input) {
      authorize(call.actor, true);
      const expiration = input.schedule?.expiration;
      if (!expiration?.type) throw invalid("schedule.expiration", "adminUpdate needs schedule.expiration with its type.");
      const requestId = await store.transaction(async (unit) => {
        const assignment = await unit.findAssignment(call.tenantId, input.assignmentId);
        if (!assignment) throw invalid("assignment.id", `The assignment '${input.assignmentId}' does not exist.`);
        if (assignment.state !== "delivered")
          throw new EntitlementError("conflict", "The assignment has ended already.", "assignment");
        const now = clock.now();
        const end =
          expiration.type === "noExpiration"
            ? null
            : expiration.type === "afterDateTime" && expiration.endDateTime
              ? new Date(expiration.endDateTime)
              : expiration.type === "afterDuration" && expiration.duration
                ? addDuration(now, expiration.duration)
                : undefined;
        if (end === undefined || (end && Number.isNaN(end.getTime())))
          throw invalid("schedule.expiration", "The expiration's type needs its endDateTime or duration.");
        if (end && end <= now) throw invalid("schedule.expiration", "The end must be in the future.");
        const schedule = {
          startDateTime: (assignment.schedule.startDateTime as string | undefined) ?? assignment.createdAt.toISOString(),
          recurrence: null,
          expiration: end
            ? { type: "afterDateTime", endDateTime: end.toISOString(), duration: null }
            : { type: "noExpiration", endDateTime: null, duration: null },
        };
        return unit.createRequest({
          tenantId: call.tenantId,
          accessPackageId: assignment.accessPackageId,
          policyId: assignment.policyId,
          requestType: "adminUpdate",
          state: "delivering",
          status: "Delivering",
          targetGuestId: assignment.target.id,
          targetEmail: null,
          requestorId: personOf(call.actor),
          assignmentId: assignment.id,
          justification: input.justification,
          schedule,
          completedAt: null,
        });
      });
      await deliverUpdate(store, ports, clock, call, (await store.findRequest(call.tenantId, requestId))!);
      return (await store.findRequest(call.tenantId, requestId))!;
    },
  };
}
