import type { AuditRecord } from "../../../_lib/audit";
import type { AdministratorActor, AdministratorRole } from "../../../_lib/directory";
import { services } from "../../../_lib/server";

/** Who or what an event's actor or target is, as the page words it. */
export type Party =
  | { kind: "person"; id: string; name: string; role?: AdministratorRole | "none"; href?: string }
  | { kind: "application"; id: string; name: string; href?: string }
  | { kind: "system"; name: string }
  | { kind: "formerGuest"; id: string }
  | { kind: "other"; id: string };

const ROLE_ORDER: readonly AdministratorRole[] = [
  "globalAdministrator",
  "userAdministrator",
  "applicationAdministrator",
  "guestInviter",
  "directoryReader",
];

/**
 * Names for the actors and targets of one page of events, each looked up once through the
 * services with the reading administrator as actor (what they may not read stays an id).
 */
export async function partiesOf(tenantSlug: string, actor: AdministratorActor, records: readonly AuditRecord[]) {
  const { directory, applications, admin } = services();
  const people = new Map<string, Promise<Party>>();
  const apps = new Map<string, Promise<Party>>();
  const person = (id: string, asAdministrator: boolean) => {
    const key = `${asAdministrator}:${id}`;
    if (!people.has(key))
      people.set(
        key,
        (async (): Promise<Party> => {
          try {
            const guest = await directory.get(actor, tenantSlug, id);
            const href = `/${tenantSlug}/admin/guests/${encodeURIComponent(guest.id)}`;
            const name = guest.displayName ?? guest.email ?? guest.id;
            if (!asAdministrator) return { kind: "person", id, name, href };
            const roles = await admin.roleReader.rolesOf(actor, tenantSlug, id);
            return { kind: "person", id, name, href, role: ROLE_ORDER.find((role) => roles.includes(role)) ?? "none" };
          } catch {
            return { kind: "formerGuest", id };
          }
        })(),
      );
    return people.get(key)!;
  };
  const application = (id: string) => {
    if (!apps.has(id))
      apps.set(
        id,
        (async (): Promise<Party> => {
          try {
            const view = await applications.get(actor, tenantSlug, { appId: id });
            return {
              kind: "application",
              id,
              name: view.displayName,
              href: `/${tenantSlug}/admin/applications/${encodeURIComponent(view.id)}`,
            };
          } catch {
            return { kind: "other", id };
          }
        })(),
      );
    return apps.get(id)!;
  };
  const actorOf = (record: AuditRecord): Promise<Party> => {
    const id = record.actorId ?? "";
    if (record.actorType === "guest") return person(id, false);
    if (record.actorType === "administrator") return person(id, true);
    if (record.actorType === "application") return application(id);
    if (record.actorType === "system") return Promise.resolve({ kind: "system", name: id });
    return Promise.resolve({ kind: "other", id });
  };
  const targetOf = (record: AuditRecord): Promise<Party> | undefined => {
    if (!record.targetId) return undefined;
    if (record.targetType === "guest" || record.targetType === "user") return person(record.targetId, false);
    if (record.targetType === "application") return application(record.targetId);
    return Promise.resolve({ kind: "other", id: record.targetId });
  };
  return Promise.all(records.map(async (record) => ({ record, actor: await actorOf(record), target: await targetOf(record) })));
}
