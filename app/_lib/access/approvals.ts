import { mayConfigure, type Actor } from "../directory";
import { approvalTargetOf, isApprover } from "./approvers";
import { event, existing, personOf, type Call, type Clock, type EntitlementPorts } from "./common";
import { addDuration } from "./durations";
import { EntitlementError, forbidden, invalid } from "./errors";
import { deliverRequest, endAssignment } from "./lifecycle";
import { createNotifier, requestSubject } from "./notifications";
import { ENTITLEMENT_ACCESS } from "./permissions";
import type { EntitlementStore, RequestRecord, StageRecord } from "./records";

/** A request's approval as Graph shows it: its stages, and whether the caller decides each. */
export interface ApprovalView {
  request: RequestRecord;
  stages: (StageRecord & { assignedToMe: boolean })[];
}

export interface ApprovalVerbs {
  /** The approvals waiting for the signed-in caller's decision (Graph `filterByCurrentUser(on='approver')`), at most 200. */
  myApprovals(actor: Actor, tenantId: string): Promise<ApprovalView[]>;
  /** The approval of a request (Graph accessPackageAssignmentApproval): readers, and the stages' approvers. */
  getApproval(actor: Actor, tenantId: string, requestId: string): Promise<ApprovalView>;
  /**
   * One approver's decision on the stage in progress (Graph PATCH …/stages/{id}): only that
   * stage's approvers (403 otherwise), never for their own request; of two decisions at once one
   * counts and the other is `decided` (409). A denial ends the request; the last approval delivers it.
   */
  decideStage(
    call: Call,
    input: {
      requestId: string;
      stageId: string;
      reviewResult: "Approve" | "Deny";
      justification: string;
      reviewerName?: string | null;
    },
  ): Promise<void>;
  /** The denial job: requests whose stage ran out of time are denied (at most `take`). */
  denyOverdue(actor: Actor, now: Date, take: number): Promise<number>;
  /** The expiry job: assignments whose end has come are removed, with their grants (at most `take`). */
  expireAssignments(actor: Actor, now: Date, take: number): Promise<number>;
}

/** What the approver who came second is told (Graph's 409): who decided, or that the request closed without a decision. */
const decidedBy = (stage: StageRecord) =>
  stage.reviewResult === "NotReviewed"
    ? `The stage is closed: the request was ${stage.status === "Expired" ? "denied when its time ran out" : "canceled"}.`
    : `The stage was decided already (${stage.reviewResult}${stage.reviewedByName ? ` by ${stage.reviewedByName}` : ""}).`;

export function approvalVerbs(store: EntitlementStore, clock: Clock, ports: EntitlementPorts): ApprovalVerbs {
  const notifier = createNotifier(store, ports);
  return {
    async myApprovals(actor, tenantId) {
      const self = personOf(actor);
      if (!self) throw invalid("on", "filterByCurrentUser needs a signed-in user (a delegated token).");
      const views: ApprovalView[] = [];
      for (const stage of await store.stagesInProgress(tenantId, 200)) {
        const request = await store.findRequest(tenantId, stage.requestId);
        if (!request || request.target?.id === self || request.requestorId === self) continue;
        if (!(await isApprover(store, tenantId, stage.settings, self, !!stage.escalatedAt, approvalTargetOf(request)))) continue;
        const stages = await store.listStages(tenantId, request.id);
        views.push({ request, stages: stages.map((s) => ({ ...s, assignedToMe: s.id === stage.id })) });
      }
      return views;
    },
    async getApproval(actor, tenantId, requestId) {
      const request = await existing(store.findRequest(tenantId, requestId), requestId);
      const stages = await store.listStages(tenantId, requestId);
      if (!stages.length) throw new EntitlementError("notFound", requestId);
      const self = personOf(actor);
      const marked = await Promise.all(
        stages.map(async (stage) => ({
          ...stage,
          assignedToMe:
            self !== null &&
            (await isApprover(store, tenantId, stage.settings, self, !!stage.escalatedAt, approvalTargetOf(request))),
        })),
      );
      if (!mayConfigure(actor, false, ENTITLEMENT_ACCESS) && !marked.some((stage) => stage.assignedToMe))
        throw forbidden("only the approvers and entitlement readers see an approval");
      return {
        request,
        stages: marked.map((stage) => ({ ...stage, assignedToMe: stage.assignedToMe && stage.status === "InProgress" })),
      };
    },
    async decideStage(call, input) {
      const self = personOf(call.actor);
      if (!self) throw forbidden("only a signed-in approver decides an approval stage");
      // What follows the decision once it has committed: deliver, ask the next stage, or tell the person.
      const next = await store.transaction(async (unit): Promise<"deliver" | "scheduled" | "nextStage" | "denied"> => {
        const request = await existing(unit.findRequest(call.tenantId, input.requestId), input.requestId);
        const stages = await unit.listStages(call.tenantId, request.id);
        const stage = stages.find((s) => s.id === input.stageId);
        if (!stage) throw new EntitlementError("notFound", input.stageId);
        if (!(await isApprover(unit, call.tenantId, stage.settings, self, !!stage.escalatedAt, approvalTargetOf(request))))
          throw forbidden("the caller is not an approver of this stage");
        if (request.target?.id === self || request.requestorId === self)
          throw forbidden("an approver does not decide their own request");
        if (stage.status === "Completed" || stage.status === "Expired") throw new EntitlementError("decided", decidedBy(stage));
        if (stage.status !== "InProgress")
          throw new EntitlementError("conflict", "The stage has not started: an earlier stage is still waiting.", "stages");
        if (stage.settings.isApproverJustificationRequired && !input.justification.trim())
          throw invalid("justification", "The policy requires the approver's justification.");
        const now = clock.now();
        const decided = await unit.updateStage(stage.id, "InProgress", {
          status: "Completed",
          reviewResult: input.reviewResult,
          reviewedById: self,
          reviewedByName: input.reviewerName ?? null,
          reviewedAt: now,
          justification: input.justification,
        });
        if (!decided) {
          const current = (await unit.listStages(call.tenantId, request.id)).find((s) => s.id === stage.id)!;
          throw new EntitlementError("decided", decidedBy(current));
        }
        const target = { type: "accessPackageAssignmentRequest", id: request.id };
        const common = { stage: stage.sequence + 1, stages: stages.length, justification: input.justification };
        if (input.reviewResult === "Deny") {
          await unit.updateRequest(request.id, ["pendingApproval"], { state: "denied", status: "Denied", completedAt: now });
          await unit.audit.append(event(call, "accessPackageAssignmentRequest.denied", target, common));
          return "denied";
        }
        await unit.audit.append(event(call, "accessPackageAssignmentRequest.approved", target, common));
        const following = stages.find((s) => s.sequence === stage.sequence + 1);
        if (following) {
          await unit.updateStage(following.id, "NotStarted", {
            status: "InProgress",
            startedAt: now,
            dueAt: addDuration(now, following.settings.durationBeforeAutomaticDenial),
          });
          return "nextStage";
        }
        // A request with its own start in the future waits `scheduled`; the lifecycle job delivers it then.
        if (request.startsAt && request.startsAt > now) {
          await unit.updateRequest(request.id, ["pendingApproval"], { state: "scheduled", status: "Scheduled" });
          return "scheduled";
        }
        await unit.updateRequest(request.id, ["pendingApproval"], { state: "delivering", status: "Delivering" });
        return "deliver";
      });
      const request = (await store.findRequest(call.tenantId, input.requestId))!;
      if (next === "deliver") await deliverRequest(store, ports, clock, call, request);
      else if (next === "nextStage") await notifier.stageStarted(request);
      else if (next === "denied")
        await notifier.tellPerson("denied", requestSubject(request), { justification: input.justification });
    },
    async denyOverdue(actor, now, take) {
      let denied = 0;
      for (const stage of await store.dueStages(now, take)) {
        const call = { actor, tenantId: stage.tenantId };
        const request = await store.transaction(async (unit) => {
          if (!(await unit.updateStage(stage.id, "InProgress", { status: "Expired", reviewedAt: now }))) return null;
          if (
            !(await unit.updateRequest(stage.requestId, ["pendingApproval"], {
              state: "denied",
              status: "Denied",
              completedAt: now,
            }))
          )
            return null;
          await unit.audit.append(
            event(
              call,
              "accessPackageAssignmentRequest.denied",
              { type: "accessPackageAssignmentRequest", id: stage.requestId },
              {
                stage: stage.sequence + 1,
                reason: "durationBeforeAutomaticDenial",
              },
            ),
          );
          denied += 1;
          return unit.findRequest(stage.tenantId, stage.requestId);
        });
        if (request) await notifier.tellPerson("autoDenied", requestSubject(request));
      }
      return denied;
    },
    async expireAssignments(actor, now, take) {
      let expired = 0;
      for (const assignment of await store.dueAssignments(now, take)) {
        const call = { actor, tenantId: assignment.tenantId };
        const ended = await store.transaction((unit) => endAssignment(unit, call, assignment, "systemRemove", now));
        if (!ended) continue;
        expired += 1;
        await notifier.tellPerson("expired", {
          tenantId: assignment.tenantId,
          accessPackageId: assignment.accessPackageId,
          guestId: assignment.target.id,
          email: null,
        });
      }
      return expired;
    },
  };
}
