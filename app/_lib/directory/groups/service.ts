import type { Actor } from "../actor";
import { DirectoryError } from "../service-contract";
import { isUniqueConflict } from "../service/store";
import { authorize, existingGroup, groupEvent, page, type Page } from "./common";
import { addMembersIn, membershipVerbs, type MembershipVerbs } from "./memberships";
import { ownerVerbs, type OwnerVerbs } from "./owners";
import { sponsorVerbs, type SponsorVerbs } from "./sponsors";
import type { GroupChanges, GroupFilter, GroupRecord, GroupStore, NewGroup } from "./store";

/** Graph's limit on `members@odata.bind` in one PATCH (contract §3.1). */
export const MAX_BOUND_MEMBERS = 20;

export interface GroupService extends MembershipVerbs, OwnerVerbs, SponsorVerbs {
  create(actor: Actor, tenantId: string, group: NewGroup, correlationId?: string): Promise<GroupRecord>;
  get(actor: Actor, tenantId: string, id: string): Promise<GroupRecord>;
  list(
    actor: Actor,
    tenantId: string,
    query: { filters: GroupFilter[]; after?: { displayName: string; id: string }; top: number },
  ): Promise<Page<GroupRecord>>;
  /** Changes and bound members, users or groups (all or nothing: one unknown member, nothing changes). */
  update(
    actor: Actor,
    tenantId: string,
    id: string,
    changes: GroupChanges & { bindMembers?: readonly string[] },
    correlationId?: string,
  ): Promise<void>;
  delete(actor: Actor, tenantId: string, id: string, correlationId?: string): Promise<void>;
}

/**
 * Groups, their members and owners (docs/ARCHITECTURE.md, "Services and actors"): may this actor?
 * → does the group (and the member) exist in this tenant? → the invariant → the writes and their
 * audit event in one transaction. Members are users or groups of the same tenant only; another
 * tenant's id is not found.
 */
export function createGroupService(store: GroupStore): GroupService {
  return {
    ...membershipVerbs(store),
    ...ownerVerbs(store),
    ...sponsorVerbs(store),

    async create(actor, tenantId, group, correlationId) {
      authorize(actor, "writeGroups");
      return store.transaction(async (unit) => {
        const created = await unit.createGroup(tenantId, group);
        await unit.audit.append(groupEvent(actor, tenantId, "group.created", created.id, { correlationId }));
        return created;
      });
    },

    async get(actor, tenantId, id) {
      authorize(actor, "readGroups");
      return existingGroup(store, tenantId, id);
    },

    async list(actor, tenantId, query) {
      authorize(actor, "readGroups");
      return page(await store.listGroups(tenantId, { ...query, take: query.top + 1 }), query.top);
    },

    async update(actor, tenantId, id, changes, correlationId) {
      authorize(actor, changes.bindMembers && Object.keys(changes).length === 1 ? "writeMembers" : "writeGroups");
      const { bindMembers, ...properties } = changes;
      if (bindMembers && bindMembers.length > MAX_BOUND_MEMBERS)
        throw new DirectoryError("invalid", `members@odata.bind: at most ${MAX_BOUND_MEMBERS} references`);
      await store
        .transaction(async (unit) => {
          const group = await existingGroup(unit, tenantId, id);
          if (Object.keys(properties).length > 0) {
            await unit.updateGroup(id, properties);
            await unit.audit.append(
              groupEvent(actor, tenantId, "group.updated", id, { correlationId, data: { properties: Object.keys(properties) } }),
            );
          }
          if (bindMembers?.length) {
            await addMembersIn(unit, tenantId, { ...group, ...properties }, bindMembers);
            await unit.audit.append(
              groupEvent(actor, tenantId, "group.membersAdded", id, {
                correlationId,
                data: { count: bindMembers.length, members: [...bindMembers] },
              }),
            );
          }
        })
        .catch((error: unknown) => {
          throw isUniqueConflict(error) ? new DirectoryError("conflict", "members") : error;
        });
    },

    async delete(actor, tenantId, id, correlationId) {
      authorize(actor, "writeGroups");
      await store.transaction(async (unit) => {
        await existingGroup(unit, tenantId, id);
        await unit.deleteGroup(id);
        await unit.audit.append(groupEvent(actor, tenantId, "group.deleted", id, { correlationId }));
      });
    },
  };
}
