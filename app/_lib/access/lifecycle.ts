import { event, type Call, type Clock, type EntitlementPorts } from "./common";
import { deliveredScheduleOf } from "./custom-schedule";
import { revoke, grant } from "./delivery";
import { EntitlementError, isEntitlementError } from "./errors";
import { noteAssignmentEnded, reinstate } from "./external-users";
import { createNotifier, requestSubject } from "./notifications";
import type { AssignmentRecord, EntitlementStore, EntitlementUnit, RequestRecord } from "./records";
import { deliverUpdate, UPDATE_TYPES } from "./updates";

const failure = (error: unknown) =>
  isEntitlementError(error) ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Delivers a request in state `delivering` (contract §7.3): the guest is created first when the
 * request names only an address, then the assignment and every grant commit together. Anything
 * that fails leaves the request `deliveryFailed` with the reason and nothing assigned; `reprocess`
 * starts it over. Of two deliveries at once, the conditional state change lets one through.
 * A guest in the external-user lifecycle leaves it (unblocked) in the same transaction. Once
 * delivered, the person is told by mail.
 */
export async function deliverRequest(
  store: EntitlementStore,
  ports: EntitlementPorts,
  clock: Clock,
  call: Call,
  request: RequestRecord,
): Promise<void> {
  if (UPDATE_TYPES.includes(request.requestType)) return deliverUpdate(store, ports, clock, call, request);
  let guestId = request.target?.id ?? null;
  let redeemUrl: string | null = null;
  let delivered: { expiresAt: Date | null } | null = null;
  try {
    if (!guestId) {
      if (!ports.provisionGuest) throw new EntitlementError("invalid", "No guest can be created here for a new address.");
      ({ guestId, redeemUrl } = await ports.provisionGuest(
        call.tenantId,
        { email: request.targetEmail!, displayName: null, identity: request.requestor },
        call.correlationId,
      ));
    }
    const target = guestId;
    delivered = await store.transaction(async (unit) => {
      const policy = await unit.findPolicy(call.tenantId, request.policyId);
      if (!policy) throw new EntitlementError("invalid", "The request's policy no longer exists.");
      const held = await unit.listAssignments(call.tenantId, {
        filters: [
          { property: "targetGuestId", value: target },
          { property: "accessPackageId", value: request.accessPackageId },
          { property: "state", value: "delivered" },
        ],
        take: 1,
      });
      if (held.length) throw new EntitlementError("conflict", "The user already has an assignment of this access package.");
      const now = clock.now();
      const { schedule, expiresAt } = deliveredScheduleOf(policy, request.schedule, now);
      const assignmentId = await unit.createAssignment({
        tenantId: call.tenantId,
        accessPackageId: request.accessPackageId,
        policyId: policy.id,
        targetGuestId: target,
        state: "delivered",
        status: "Delivered",
        schedule,
        expiresAt,
      });
      for (const scope of await unit.listRoleScopes(call.tenantId, request.accessPackageId))
        await grant(unit, call, scope, target);
      const moved = await unit.updateRequest(request.id, ["delivering"], {
        state: "delivered",
        status: "Delivered",
        completedAt: now,
        assignmentId,
        targetGuestId: target,
        failureReason: null,
        schedule,
      });
      if (!moved) throw new EntitlementError("conflict", "The request is no longer being delivered.");
      await reinstate(unit, ports, call.tenantId, target);
      await unit.audit.append(
        event(
          call,
          "accessPackageAssignment.delivered",
          { type: "guest", id: target },
          {
            accessPackageId: request.accessPackageId,
            policyId: policy.id,
            requestId: request.id,
            assignmentId,
          },
        ),
      );
      return { expiresAt };
    });
  } catch (error) {
    const reason = failure(error).slice(0, 1000);
    await store.transaction(async (unit) => {
      const changes = { state: "deliveryFailed" as const, status: "DeliveryFailed", failureReason: reason };
      if (!(await unit.updateRequest(request.id, ["delivering"], { ...changes, ...(guestId ? { targetGuestId: guestId } : {}) })))
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
  }
  if (delivered)
    await createNotifier(store, ports).tellPerson(
      "delivered",
      { ...requestSubject(request), guestId },
      { ...delivered, ...(redeemUrl ? { actionUrl: redeemUrl } : {}) },
    );
}

/**
 * Ends a delivered assignment (adminRemove, userRemove, expiry): its grants are taken back
 * (except what another assignment still grants) and a delivered request of `requestType` records
 * it. False when the assignment had ended already.
 */
export async function endAssignment(
  unit: EntitlementUnit,
  call: Call,
  assignment: AssignmentRecord,
  requestType: "adminRemove" | "userRemove" | "systemRemove",
  now: Date,
): Promise<string | null> {
  const ended = await unit.updateAssignment(assignment.id, "delivered", { state: "expired", status: "Expired", expiredAt: now });
  if (!ended) return null;
  await revoke(unit, call, { id: assignment.id, accessPackageId: assignment.accessPackageId, guestId: assignment.target.id });
  await noteAssignmentEnded(unit, call.tenantId, assignment.target.id, now);
  const requestId = await unit.createRequest({
    tenantId: call.tenantId,
    accessPackageId: assignment.accessPackageId,
    policyId: assignment.policyId,
    requestType,
    state: "delivered",
    status: "Delivered",
    targetGuestId: assignment.target.id,
    targetEmail: null,
    requestorId: call.actor.type === "guest" ? call.actor.guestId : call.actor.type === "administrator" ? call.actor.id : null,
    assignmentId: assignment.id,
    justification: "",
    schedule: assignment.schedule,
    completedAt: now,
  });
  await unit.audit.append(
    event(
      call,
      requestType === "systemRemove" ? "accessPackageAssignment.expired" : "accessPackageAssignment.removed",
      {
        type: "guest",
        id: assignment.target.id,
      },
      { accessPackageId: assignment.accessPackageId, assignmentId: assignment.id, requestId },
    ),
  );
  return requestId;
}
