import type { SubjectSet } from "./graph-types";
import type { EntitlementReads, StageSettings } from "./records";

/**
 * Whether a subject set names this person. Guestgate keeps no managers and no sponsors yet, so
 * `requestorManager`, the sponsor sets and attribute rules name nobody — and a stage whose primary
 * approvers name nobody is decided by its fallback approvers, as in Entra.
 */
async function names(reads: EntitlementReads, tenantId: string, subject: SubjectSet, personId: string): Promise<boolean> {
  if ("userId" in subject) return subject.userId.toLowerCase() === personId;
  if ("groupId" in subject) return reads.isGroupMember(tenantId, subject.groupId.toLowerCase(), personId);
  return false;
}

/** Whether a subject set names anyone at all (a user who exists, a group with a member). */
async function namesAnyone(reads: EntitlementReads, tenantId: string, subject: SubjectSet): Promise<boolean> {
  if ("userId" in subject) return reads.userExists(tenantId, subject.userId.toLowerCase());
  if ("groupId" in subject) return reads.groupHasMembers(tenantId, subject.groupId.toLowerCase());
  return false;
}

async function anyOf<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}

/** The first of two subject sets that names anyone: the primary one, else its fallback. */
export async function deciding(
  reads: EntitlementReads,
  tenantId: string,
  primary: readonly SubjectSet[],
  fallback: readonly SubjectSet[] | undefined,
): Promise<readonly SubjectSet[]> {
  return (await anyOf(primary, (s) => namesAnyone(reads, tenantId, s))) ? primary : (fallback ?? []);
}

/**
 * The approvers who decide a stage: the primary ones, or the fallback ones when the primary name
 * nobody; once the stage is escalated (`escalated`), also its escalation approvers (or their
 * fallback), as in Entra, where the first approvers may still decide after an escalation.
 */
export async function isApprover(
  reads: EntitlementReads,
  tenantId: string,
  stage: StageSettings,
  personId: string,
  escalated = false,
): Promise<boolean> {
  const primary = await deciding(reads, tenantId, stage.primaryApprovers, stage.fallbackPrimaryApprovers);
  if (await anyOf(primary, (s) => names(reads, tenantId, s, personId))) return true;
  if (!escalated || !stage.isEscalationEnabled) return false;
  const escalation = await deciding(reads, tenantId, stage.escalationApprovers ?? [], stage.fallbackEscalationApprovers);
  return anyOf(escalation, (s) => names(reads, tenantId, s, personId));
}
