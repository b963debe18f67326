import { notFound } from "next/navigation";
import type { AdminSession } from "../../../../../../_lib/admin";
import type { AdministratorActor } from "../../../../../../_lib/directory";
import { services } from "../../../../../../_lib/server";
import { entitlementRefusal, guidOrUndefined } from "../../../_lib/refusal";

/** What the policy form needs around it: the package, and the groups and connected organisations to pick from. */
export async function policyFormContext(actor: AdministratorActor, session: AdminSession, tenantId: string, packageId: string) {
  const id = guidOrUndefined(packageId);
  if (!id) notFound();
  const entitlements = services().entitlements;
  try {
    const groupReader = session.actorFor("groups.read");
    const [accessPackage, organizations, groups] = await Promise.all([
      entitlements.getPackage(actor, tenantId, id),
      entitlements.listConnectedOrganizations(actor, tenantId, { top: 200 }),
      groupReader ? services().groups.list(groupReader, tenantId, { filters: [], top: 200 }) : Promise.resolve({ items: [] }),
    ]);
    return {
      accessPackage,
      organizations: organizations.items.map(({ id, displayName, state }) => ({ id, displayName, state })),
      groups: groups.items.map(({ id, displayName }) => ({ id, displayName })),
    };
  } catch (error) {
    if (entitlementRefusal(error) === "notFound") notFound();
    throw error;
  }
}

/** The addresses of the users a policy names, for its form (a user the administrator cannot read keeps its id). */
export async function emailsOf(actor: AdministratorActor, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        const user = await services().directory.get(actor, tenantId, id);
        if (user.email) emails.set(id, user.email);
      } catch {
        // gone or not readable: the form shows the id
      }
    }),
  );
  return emails;
}
