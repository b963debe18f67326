import type { ApprovalDetails } from "../../../../_lib/access";
import type { AdministratorActor } from "../../../../_lib/directory";
import { services } from "../../../../_lib/server";

/** At most this many requests of all waiting ones are listed for the entitlement administrators. */
export const ALL_PENDING_PAGE = 100;

/**
 * The queue: the approvals that wait for this administrator's decision as a stage approver, and
 * for administrators who may read entitlement management every request still waiting, each with
 * what the approver needs to see in a list (person, package, stage).
 */
export async function approvalQueue(
  approver: AdministratorActor,
  reader: AdministratorActor | undefined,
  tenantId: string,
): Promise<{ mine: ApprovalDetails[]; all: ApprovalDetails[] | undefined }> {
  const entitlements = services().entitlements;
  const mine = await Promise.all(
    (await entitlements.myApprovals(approver, tenantId)).map((view) =>
      entitlements.approvalDetails(approver, tenantId, view.request.id),
    ),
  );
  if (!reader) return { mine, all: undefined };
  const waiting = await entitlements.listRequests(reader, tenantId, {
    filters: [{ property: "state", value: "pendingApproval" }],
    top: ALL_PENDING_PAGE,
  });
  const all = await Promise.all(waiting.items.map((request) => entitlements.approvalDetails(reader, tenantId, request.id)));
  return { mine, all };
}

/** Who a request is for, as a list shows them: their name, else their address. */
export const personOf = (details: ApprovalDetails) =>
  details.approval.request.target?.displayName ??
  details.approval.request.target?.email ??
  details.approval.request.targetEmail ??
  "—";

/** The stage waiting now (1-based), or undefined once none does. */
export function currentStage(details: ApprovalDetails) {
  const stages = details.approval.stages;
  const index = stages.findIndex((stage) => stage.status === "InProgress");
  return index < 0 ? undefined : { number: index + 1, of: stages.length, stage: stages[index]! };
}
