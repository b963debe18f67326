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

/** The approvers who decide a stage: the primary ones, or the fallback ones when the primary name nobody. */
export async function isApprover(
  reads: EntitlementReads,
  tenantId: string,
  stage: StageSettings,
  personId: string,
): Promise<boolean> {
  const primary = (await anyOf(stage.primaryApprovers, (s) => namesAnyone(reads, tenantId, s)))
    ? stage.primaryApprovers
    : stage.fallbackPrimaryApprovers;
  return anyOf(primary, (s) => names(reads, tenantId, s, personId));
}
