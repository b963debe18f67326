import type { Actor } from "../actor";
import { DirectoryError } from "../service-contract";
import { isUniqueConflict } from "../service/store";
import { authorize, existingGroup, existingUser, groupEvent, page, type Page } from "./common";
import type { GroupStore, MemberRecord } from "./store";

export interface OwnerVerbs {
  listOwners(actor: Actor, tenantId: string, id: string, query: { after?: string; top: number }): Promise<Page<MemberRecord>>;
  /** Owners are users of the tenant; an owner already there is the duplicate-reference conflict. */
  addOwner(actor: Actor, tenantId: string, id: string, userId: string, correlationId?: string): Promise<void>;
  removeOwner(actor: Actor, tenantId: string, id: string, userId: string, correlationId?: string): Promise<void>;
}

/** `groups/{id}/owners` (contract §3.1): changing them is changing the group (Group.ReadWrite.All). */
export function ownerVerbs(store: GroupStore): OwnerVerbs {
  return {
    async listOwners(actor, tenantId, id, query) {
      authorize(actor, "readGroups");
      await existingGroup(store, tenantId, id);
      return page(await store.listOwners(tenantId, id, query.after, query.top + 1), query.top);
    },

    async addOwner(actor, tenantId, id, userId, correlationId) {
      authorize(actor, "writeGroups");
      await store
        .transaction(async (unit) => {
          await existingGroup(unit, tenantId, id);
          await existingUser(unit, tenantId, userId);
          if (await unit.isOwner(id, userId)) throw new DirectoryError("conflict", "owners");
          await unit.addOwner(tenantId, id, userId);
          await unit.audit.append(
            groupEvent(actor, tenantId, "group.ownerAdded", id, { correlationId, data: { owner: userId } }),
          );
        })
        .catch((error: unknown) => {
          throw isUniqueConflict(error) ? new DirectoryError("conflict", "owners") : error;
        });
    },

    async removeOwner(actor, tenantId, id, userId, correlationId) {
      authorize(actor, "writeGroups");
      await store.transaction(async (unit) => {
        await existingGroup(unit, tenantId, id);
        if (!(await unit.isOwner(id, userId))) throw new DirectoryError("notFound", userId);
        await unit.removeOwner(id, userId);
        await unit.audit.append(
          groupEvent(actor, tenantId, "group.ownerRemoved", id, { correlationId, data: { owner: userId } }),
        );
      });
    },
  };
}
