import type { AdminSession } from "../../../../_lib/admin";
import { services } from "../../../../_lib/server";

export interface ResourceOption {
  originSystem: "AadGroup" | "AadApplication";
  id: string;
  displayName: string;
}

/**
 * The groups and applications the administrator may read, to put into a catalog: groups under
 * groups.read, applications under applications.read (a User Administrator sees no applications).
 */
export async function resourceOptions(session: AdminSession, tenantId: string): Promise<ResourceOption[]> {
  const groupReader = session.actorFor("groups.read");
  const appReader = session.actorFor("applications.read");
  const [groups, apps] = await Promise.all([
    groupReader ? services().groups.list(groupReader, tenantId, { filters: [], top: 200 }) : Promise.resolve({ items: [] }),
    appReader ? services().applications.list(appReader, tenantId, { top: 200 }) : Promise.resolve({ items: [] }),
  ]);
  return [
    ...groups.items.map((group) => ({ originSystem: "AadGroup" as const, id: group.id, displayName: group.displayName })),
    ...apps.items.map((app) => ({ originSystem: "AadApplication" as const, id: app.id, displayName: app.displayName })),
  ];
}
