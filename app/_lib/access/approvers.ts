import type { SubjectSet } from "./graph-types";
import type { EntitlementReads, StageSettings } from "./records";

/** At most this many people one subject set names (a large group names many). */
export const MAX_NAMED = 100;

const kindOf = (subject: SubjectSet) => subject["@odata.type"].replace("#microsoft.graph.", "");

/**
 * The ids a subject set names for a request whose target is `requestorId`: a user who exists, a
 * group's direct members, the requestor's manager (`managerLevel` 2: the manager's manager), the
 * requestor's sponsors (`targetUserSponsors`), and of those the members (`internalSponsors`) or
 * the guests (`externalSponsors`) — Entra's connected-organisation sponsors, which Guestgate does
 * not keep, read as the requestor's own sponsors on either side of the directory. Someone not yet
 * in the directory has no manager and no sponsors; attribute rules and organisations name nobody.
 */
async function named(
  reads: EntitlementReads,
  tenantId: string,
  subject: SubjectSet,
  requestorId: string | null,
): Promise<string[]> {
  if ("userId" in subject) {
    const id = subject.userId.toLowerCase();
    return (await reads.userExists(tenantId, id)) ? [id] : [];
  }
  if ("groupId" in subject) return reads.groupMemberIds(tenantId, subject.groupId.toLowerCase(), MAX_NAMED);
  if (!requestorId) return [];
  switch (kindOf(subject)) {
    case "requestorManager": {
      const level = "managerLevel" in subject ? subject.managerLevel : 1;
      let id: string | null = requestorId;
      for (let step = 0; step < level && id; step++) id = await reads.managerOf(tenantId, id);
      return id && id !== requestorId ? [id] : [];
    }
    case "targetUserSponsors":
      return (await reads.sponsorsOf(tenantId, requestorId)).map((s) => s.id);
    case "internalSponsors":
      return (await reads.sponsorsOf(tenantId, requestorId)).filter((s) => s.userType === "Member").map((s) => s.id);
    case "externalSponsors":
      return (await reads.sponsorsOf(tenantId, requestorId)).filter((s) => s.userType === "Guest").map((s) => s.id);
    default:
      return [];
  }
}

/** Everyone a list of subject sets names for this request's target, each once. */
export async function namedIds(
  reads: EntitlementReads,
  tenantId: string,
  subjects: readonly SubjectSet[],
  requestorId: string | null,
): Promise<string[]> {
  const ids: string[] = [];
  for (const subject of subjects) ids.push(...(await named(reads, tenantId, subject, requestorId)));
  return [...new Set(ids)];
}

/** Whether a subject set names this person (a group by membership, without listing it). */
async function names(
  reads: EntitlementReads,
  tenantId: string,
  subject: SubjectSet,
  personId: string,
  requestorId: string | null,
): Promise<boolean> {
  if ("userId" in subject) return subject.userId.toLowerCase() === personId;
  if ("groupId" in subject) return reads.isGroupMember(tenantId, subject.groupId.toLowerCase(), personId);
  return (await named(reads, tenantId, subject, requestorId)).includes(personId);
}

/** Whether a subject set names anyone at all (a user who exists, a group with a member, a manager, a sponsor). */
async function namesAnyone(
  reads: EntitlementReads,
  tenantId: string,
  subject: SubjectSet,
  requestorId: string | null,
): Promise<boolean> {
  if ("groupId" in subject) return reads.groupHasMembers(tenantId, subject.groupId.toLowerCase());
  return (await named(reads, tenantId, subject, requestorId)).length > 0;
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
  requestorId: string | null,
): Promise<readonly SubjectSet[]> {
  return (await anyOf(primary, (s) => namesAnyone(reads, tenantId, s, requestorId))) ? primary : (fallback ?? []);
}

/**
 * Whether this person decides a stage of a request for `requestorId`: the primary approvers, or
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
  requestorId: string | null,
): Promise<boolean> {
  const primary = await deciding(reads, tenantId, stage.primaryApprovers, stage.fallbackPrimaryApprovers, requestorId);
  if (await anyOf(primary, (s) => names(reads, tenantId, s, personId, requestorId))) return true;
  if (!escalated || !stage.isEscalationEnabled) return false;
  const escalation = await deciding(
    reads,
    tenantId,
    stage.escalationApprovers ?? [],
    stage.fallbackEscalationApprovers,
    requestorId,
  );
  return anyOf(escalation, (s) => names(reads, tenantId, s, personId, requestorId));
}
