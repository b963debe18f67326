import type { PolicyRecord, SubjectSet } from "../../../../_lib/access";
import type { AdministratorActor } from "../../../../_lib/directory";
import { services } from "../../../../_lib/server";

/** Every subject set a policy's settings name: allowed targets and every stage's approvers. */
export function subjectsOf(policy: Pick<PolicyRecord, "settings">): SubjectSet[] {
  const settings = policy.settings as unknown as {
    specificAllowedTargets: SubjectSet[];
    requestApprovalSettings: { stages: { primaryApprovers: SubjectSet[]; fallbackPrimaryApprovers: SubjectSet[] }[] };
  };
  return [
    ...settings.specificAllowedTargets,
    ...settings.requestApprovalSettings.stages.flatMap((stage) => [...stage.primaryApprovers, ...stage.fallbackPrimaryApprovers]),
  ];
}

/**
 * Names of the users, groups and connected organisations the subject sets name, keyed by
 * lower-case id, each read through its service as the administrator: what they may not read (or
 * what is gone) keeps no name and is shown by its id.
 */
export async function namesOf(actor: AdministratorActor, tenantId: string, subjects: SubjectSet[]): Promise<Map<string, string>> {
  const { directory, groups, entitlements } = services();
  const names = new Map<string, string>();
  const lookups = subjects.map(async (subject) => {
    try {
      if ("userId" in subject) {
        const user = await directory.get(actor, tenantId, subject.userId.toLowerCase());
        names.set(subject.userId.toLowerCase(), user.displayName ?? user.email ?? user.id);
      } else if ("groupId" in subject) {
        names.set(subject.groupId.toLowerCase(), (await groups.get(actor, tenantId, subject.groupId.toLowerCase())).displayName);
      } else if ("connectedOrganizationId" in subject) {
        const id = subject.connectedOrganizationId.toLowerCase();
        names.set(id, (await entitlements.getConnectedOrganization(actor, tenantId, id)).displayName);
      }
    } catch {
      // not readable by this administrator, or deleted since: the id stands for it
    }
  });
  await Promise.all(lookups);
  return names;
}
