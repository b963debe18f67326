import type { SubjectSet } from "./graph-types";
import type { EntitlementReads, RequestRecord, SponsorKind, StageSettings } from "./records";

/**
 * Whom a request is for, as approvers read it: the directory user (their manager, their sponsors)
 * and the address (its domain finds the connected organisation whose sponsors approve); `id` is
 * null for someone not yet in the directory, who is only an address.
 */
export interface ApprovalTarget {
  id: string | null;
  email: string | null;
}

export const approvalTargetOf = (request: Pick<RequestRecord, "target" | "targetEmail">): ApprovalTarget => ({
  id: request.target?.id ?? null,
  email: request.target?.email ?? request.targetEmail,
});

/** The sponsors of the configured connected organisations whose domain is the address's. */
async function organizationSponsors(
  reads: EntitlementReads,
  tenantId: string,
  email: string | null,
  kind: SponsorKind,
): Promise<string[]> {
  const domain = email?.split("@")[1]?.trim().toLowerCase();
  if (!domain) return [];
  const organizations = (await reads.organizationsOfDomain(tenantId, domain)).filter((o) => o.state === "configured");
  return reads.organizationSponsorIds(
    tenantId,
    organizations.map((o) => o.id),
    kind,
  );
}

/** At most this many people one subject set names (a large group names many). */
export const MAX_NAMED = 100;

const kindOf = (subject: SubjectSet) => subject["@odata.type"].replace("#microsoft.graph.", "");

/**
 * The ids a subject set names for a request for `target`: a user who exists, a group's direct
 * members, the target's manager (`managerLevel` 2: the manager's manager), the target's own
 * sponsors (`targetUserSponsors`), and, as in Entra, the internal or external sponsors of the
 * configured connected organisation the target's address belongs to (`internalSponsors`,
 * `externalSponsors`) — also for someone not yet in the directory, who has no manager and no
 * sponsors of their own. Attribute rules and organisations name nobody.
 */
async function named(reads: EntitlementReads, tenantId: string, subject: SubjectSet, target: ApprovalTarget): Promise<string[]> {
  if ("userId" in subject) {
    const id = subject.userId.toLowerCase();
    return (await reads.userExists(tenantId, id)) ? [id] : [];
  }
  if ("groupId" in subject) return reads.groupMemberIds(tenantId, subject.groupId.toLowerCase(), MAX_NAMED);
  const kind = kindOf(subject);
  if (kind === "internalSponsors") return organizationSponsors(reads, tenantId, target.email, "internal");
  if (kind === "externalSponsors") return organizationSponsors(reads, tenantId, target.email, "external");
  const requestorId = target.id;
  if (!requestorId) return [];
  switch (kind) {
    case "requestorManager": {
      const level = "managerLevel" in subject ? subject.managerLevel : 1;
      let id: string | null = requestorId;
      for (let step = 0; step < level && id; step++) id = await reads.managerOf(tenantId, id);
      return id && id !== requestorId ? [id] : [];
    }
    case "targetUserSponsors":
      return (await reads.sponsorsOf(tenantId, requestorId)).map((s) => s.id);
    default:
      return [];
  }
}

/** Everyone a list of subject sets names for this request's target, each once. */
export async function namedIds(
  reads: EntitlementReads,
  tenantId: string,
  subjects: readonly SubjectSet[],
  target: ApprovalTarget,
): Promise<string[]> {
  const ids: string[] = [];
  for (const subject of subjects) ids.push(...(await named(reads, tenantId, subject, target)));
  return [...new Set(ids)];
}

/** Whether a subject set names this person (a group by membership, without listing it). */
async function names(
  reads: EntitlementReads,
  tenantId: string,
  subject: SubjectSet,
  personId: string,
  target: ApprovalTarget,
): Promise<boolean> {
  if ("userId" in subject) return subject.userId.toLowerCase() === personId;
  if ("groupId" in subject) return reads.isGroupMember(tenantId, subject.groupId.toLowerCase(), personId);
  return (await named(reads, tenantId, subject, target)).includes(personId);
}

/** Whether a subject set names anyone at all (a user who exists, a group with a member, a manager, a sponsor). */
async function namesAnyone(
  reads: EntitlementReads,
  tenantId: string,
  subject: SubjectSet,
  target: ApprovalTarget,
): Promise<boolean> {
  if ("groupId" in subject) return reads.groupHasMembers(tenantId, subject.groupId.toLowerCase());
  return (await named(reads, tenantId, subject, target)).length > 0;
}

async function anyOf<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}

/**
 * The first of two subject sets that names anyone: the primary one, else its fallback (a stage
 * whose primary approvers name nobody — the requestor has no manager, no sponsor — is decided by
 * its fallback approvers, as in Entra).
 */
export async function deciding(
  reads: EntitlementReads,
  tenantId: string,
  primary: readonly SubjectSet[],
  fallback: readonly SubjectSet[] | undefined,
  target: ApprovalTarget,
): Promise<readonly SubjectSet[]> {
  return (await anyOf(primary, (s) => namesAnyone(reads, tenantId, s, target))) ? primary : (fallback ?? []);
}

/**
 * Whether this person decides a stage of a request for `target`: the primary approvers, or
 * the fallback ones when the primary name nobody; once the stage is escalated (`escalated`), also
 * its escalation approvers (or their fallback), as in Entra, where the first approvers may still
 * decide after an escalation.
 */
export async function isApprover(
  reads: EntitlementReads,
  tenantId: string,
  stage: StageSettings,
  personId: string,
  escalated: boolean,
  target: ApprovalTarget,
): Promise<boolean> {
  const primary = await deciding(reads, tenantId, stage.primaryApprovers, stage.fallbackPrimaryApprovers, target);
  if (await anyOf(primary, (s) => names(reads, tenantId, s, personId, target))) return true;
  if (!escalated || !stage.isEscalationEnabled) return false;
  const escalation = await deciding(reads, tenantId, stage.escalationApprovers ?? [], stage.fallbackEscalationApprovers, target);
  return anyOf(escalation, (s) => names(reads, tenantId, s, personId, target));
}
