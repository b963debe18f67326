import type { SubjectSet } from "./graph-types";
import type { EntitlementReads, PersonRecord, PolicyRecord } from "./records";

/** The domain of an address, lower-cased ("" when it has none). */
export const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/**
 * Whether a policy's `allowedTargetScope` (contract §7.3) admits this person: a directory user
 * (`person`), or someone known only by address (`person` null). Connected organisations match by
 * their domain identity source; `allExternalUsers` admits guests and people not yet in the
 * directory; `notSpecified` admits nobody (the policy is for administrators' assignments).
 */
export async function isAllowedTarget(
  reads: EntitlementReads,
  policy: PolicyRecord,
  person: PersonRecord | null,
  email: string | null,
): Promise<boolean> {
  const tenantId = policy.tenantId;
  const domain = email ? domainOf(email) : "";
  const organizations = async () => (domain ? await reads.organizationsOfDomain(tenantId, domain) : []);
  switch (policy.allowedTargetScope) {
    case "allDirectoryUsers":
      return person !== null;
    case "allMemberUsers":
      return person?.userType === "Member";
    case "specificDirectoryUsers": {
      if (!person) return false;
      for (const target of policy.settings.specificAllowedTargets as SubjectSet[]) {
        if ("userId" in target && target.userId.toLowerCase() === person.id) return true;
        if ("groupId" in target && (await reads.isGroupMember(tenantId, target.groupId.toLowerCase(), person.id))) return true;
      }
      return false;
    }
    case "allConfiguredConnectedOrganizationUsers":
      return (await organizations()).some((o) => o.state === "configured");
    case "specificConnectedOrganizationUsers": {
      const named = new Set(
        (policy.settings.specificAllowedTargets as SubjectSet[]).flatMap((t) =>
          "connectedOrganizationId" in t ? [t.connectedOrganizationId.toLowerCase()] : [],
        ),
      );
      return (await organizations()).some((o) => named.has(o.id));
    }
    case "allExternalUsers":
      return person === null || person.userType === "Guest";
    default:
      return false;
  }
}
