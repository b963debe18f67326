import type { Actor } from "../directory";
import type { ApprovalView, ApprovalVerbs } from "./approvals";
import { domainOf } from "./eligibility";
import type { ConnectedOrganizationRecord, EntitlementReads, PolicyRecord, SubjectRecord } from "./records";

/** What an approver reads before deciding: the approval, and what it is about. */
export interface ApprovalDetails {
  approval: ApprovalView;
  accessPackage: { id: string; displayName: string; description: string } | null;
  policy: Pick<PolicyRecord, "id" | "displayName" | "allowedTargetScope" | "settings"> | null;
  /** Who filed the request (the target themselves, or an administrator for adminAdd). */
  requestor: SubjectRecord | null;
  /** The connected organisations of the target's e-mail domain (a proposed one made by the request included). */
  organizations: Pick<ConnectedOrganizationRecord, "id" | "displayName" | "state">[];
}

export interface ApprovalDetailVerbs {
  /**
   * An approval with its package, policy, requestor and organisation, for whoever may read the
   * approval (entitlement readers and the stages' approvers, as getApproval decides): an approver
   * who may not read the catalog still sees what they are asked to approve.
   */
  approvalDetails(actor: Actor, tenantId: string, requestId: string): Promise<ApprovalDetails>;
}

export function approvalDetailVerbs(reads: EntitlementReads, approvals: Pick<ApprovalVerbs, "getApproval">): ApprovalDetailVerbs {
  return {
    async approvalDetails(actor, tenantId, requestId) {
      const approval = await approvals.getApproval(actor, tenantId, requestId);
      const { request } = approval;
      const email = request.target?.email ?? request.targetEmail;
      const [accessPackage, policy, requestor, organizations] = await Promise.all([
        reads.findPackage(tenantId, request.accessPackageId),
        reads.findPolicy(tenantId, request.policyId),
        request.requestorId ? reads.findSubject(tenantId, request.requestorId) : Promise.resolve(null),
        email ? reads.organizationsOfDomain(tenantId, domainOf(email)) : Promise.resolve([]),
      ]);
      return {
        approval,
        accessPackage: accessPackage && {
          id: accessPackage.id,
          displayName: accessPackage.displayName,
          description: accessPackage.description,
        },
        policy: policy && {
          id: policy.id,
          displayName: policy.displayName,
          allowedTargetScope: policy.allowedTargetScope,
          settings: policy.settings,
        },
        requestor,
        organizations: organizations.map(({ id, displayName, state }) => ({ id, displayName, state })),
      };
    },
  };
}
