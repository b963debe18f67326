import { z } from "zod";
import type { ApprovalView } from "../../access";
import type { GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { collection, entity, noContent } from "../results";
import { callOf, EM, guidParam, viaAccess } from "./entitlement-common";

const approvalsPath = `${EM}/accessPackageAssignmentApprovals`;

type Stage = ApprovalView["stages"][number];

/** Graph approvalStage (contract §7.2). */
const stageJson = (stage: Stage) => ({
  id: stage.id,
  displayName: null,
  status: stage.status,
  assignedToMe: stage.assignedToMe,
  reviewResult: stage.reviewResult,
  reviewedBy: stage.reviewedById ? { id: stage.reviewedById, displayName: stage.reviewedByName } : null,
  reviewedDateTime: stage.reviewedAt?.toISOString() ?? null,
  justification: stage.justification,
});

/** Graph accessPackageAssignmentApproval: the request's id, its stages. */
const approvalJson = (view: ApprovalView) => ({ id: view.request.id, stages: view.stages.map(stageJson) });

// Write: Approve or Deny; the older docs' Approved / Denied are accepted as the same (contract §7.4).
const reviewResult = z
  .string()
  .max(32)
  .transform((value, context) => {
    const found = { approve: "Approve", approved: "Approve", deny: "Deny", denied: "Deny" }[value.toLowerCase()];
    if (!found) context.addIssue({ code: "custom", message: `Invalid reviewResult '${value}': Approve or Deny.` });
    return (found ?? "Deny") as "Approve" | "Deny";
  });
const decisionBody = z.strictObject({
  reviewResult,
  justification: z.string().max(4000).nullable().optional(),
});

/** Approvals of assignment requests and their stages' decisions (contract §7.1). */
export const ENTITLEMENT_APPROVAL_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: `${approvalsPath}/filterByCurrentUser(on='approver')`,
    access: ACCESS.entitlementsCurrentUser,
    summary: "List the approvals waiting for the signed-in user's decision (delegated only)",
    async handle(request) {
      const views = await viaAccess("accessPackageAssignmentApprovals", () =>
        request.services.entitlements.myApprovals(request.actor, request.tenant.slug),
      );
      return collection(request, approvalsPath, views.map(approvalJson));
    },
  },
  {
    method: "GET",
    path: `${approvalsPath}/{id}`,
    access: ACCESS.entitlementsApprovalRead,
    summary: "Get the approval of an assignment request, with its stages (readers and the stages' approvers)",
    async handle(request) {
      const id = guidParam(request.params.id!);
      const view = await viaAccess(id, () => request.services.entitlements.getApproval(request.actor, request.tenant.slug, id));
      return entity(request, approvalsPath, approvalJson(view));
    },
  },
  {
    method: "GET",
    path: `${approvalsPath}/{id}/stages`,
    access: ACCESS.entitlementsApprovalRead,
    summary: "List an approval's stages",
    async handle(request) {
      const id = guidParam(request.params.id!);
      const view = await viaAccess(id, () => request.services.entitlements.getApproval(request.actor, request.tenant.slug, id));
      return collection(request, `${approvalsPath}('${id}')/stages`, view.stages.map(stageJson));
    },
  },
  {
    method: "GET",
    path: `${approvalsPath}/{id}/stages/{stageId}`,
    access: ACCESS.entitlementsApprovalRead,
    summary: "Get one approval stage",
    async handle(request) {
      const id = guidParam(request.params.id!);
      const stageId = guidParam(request.params.stageId!);
      const view = await viaAccess(id, () => request.services.entitlements.getApproval(request.actor, request.tenant.slug, id));
      const stage = view.stages.find((s) => s.id === stageId);
      if (!stage) throw graphErrors.notFound(stageId);
      return entity(request, `${approvalsPath}('${id}')/stages`, stageJson(stage));
    },
  },
  {
    method: "PATCH",
    path: `${approvalsPath}/{id}/stages/{stageId}`,
    access: ACCESS.entitlementsDecide,
    summary: "Approve or deny the stage in progress (its approvers only; delegated only; 409 once decided)",
    body: decisionBody,
    async handle(request) {
      const id = guidParam(request.params.id!);
      const stageId = guidParam(request.params.stageId!);
      const body = request.body as z.infer<typeof decisionBody>;
      await viaAccess(id, () =>
        request.services.entitlements.decideStage(callOf(request), {
          requestId: id,
          stageId,
          reviewResult: body.reviewResult,
          justification: body.justification ?? "",
          reviewerName: "displayName" in request.actor ? (request.actor.displayName ?? null) : null,
        }),
      );
      return noContent();
    },
  },
];
