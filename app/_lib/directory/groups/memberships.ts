import type { Actor } from "../actor";
import { DirectoryError } from "../service-contract";
import { isUniqueConflict } from "../service/store";
import { authorize, existingGroup, existingObject, existingUser, groupEvent, page, type Page } from "./common";
import { descendantsOf, mergeById, withAncestors } from "./graph-walk";
import type { GroupRecord, GroupStore, GroupUnit, MemberObject } from "./store";

/** Refusal of an edge that would make a group (indirectly) a member of itself. */
export const CIRCULAR_MEMBERSHIP = "members: circular";

export interface MembershipVerbs {
  /** Direct members, users and nested groups in one id-ordered collection. */
  listMembers(actor: Actor, tenantId: string, id: string, query: { after?: string; top: number }): Promise<Page<MemberObject>>;
  /** Users and groups contained at any depth. */
  transitiveMembers(
    actor: Actor,
    tenantId: string,
    id: string,
    query: { after?: string; top: number },
  ): Promise<Page<MemberObject>>;
  /** A user or a group (`memberId` names either), one at a time. */
  addMember(actor: Actor, tenantId: string, id: string, memberId: string, correlationId?: string): Promise<void>;
  removeMember(actor: Actor, tenantId: string, id: string, memberId: string, correlationId?: string): Promise<void>;
  memberOf(actor: Actor, tenantId: string, userId: string, query: { after?: string; top: number }): Promise<Page<GroupRecord>>;
  transitiveMemberOf(
    actor: Actor,
    tenantId: string,
    userId: string,
    query: { after?: string; top: number },
  ): Promise<Page<GroupRecord>>;
  /**
   * Ids of every group the user is in, directly or through nesting (Graph getMemberObjects and
   * getMemberGroups: the endpoint the groups overage claim names), sorted.
   */
  memberGroupIds(actor: Actor, tenantId: string, userId: string, options: { securityEnabledOnly: boolean }): Promise<string[]>;
}

/** Adds users and nested groups in one unit; any duplicate, unknown id or cycle and nothing is added. */
export async function addMembersIn(
  unit: GroupUnit,
  tenantId: string,
  group: GroupRecord,
  memberIds: readonly string[],
): Promise<void> {
  if (new Set(memberIds).size !== memberIds.length) throw new DirectoryError("conflict", "members");
  const users: string[] = [];
  const groups: string[] = [];
  for (const memberId of memberIds) {
    const member = await existingObject(unit, tenantId, memberId);
    if (member.type === "user") {
      if (await unit.isMember(group.id, member.id)) throw new DirectoryError("conflict", "members");
      users.push(member.id);
      continue;
    }
    // Microsoft 365 ("Unified") groups take no nested groups in Entra either.
    if (group.groupTypes.includes("Unified")) throw new DirectoryError("invalid", "members");
    if (await unit.isNested(group.id, member.id)) throw new DirectoryError("conflict", "members");
    await unit.lockNesting(tenantId);
    if (member.id === group.id || (await descendantsOf(unit, tenantId, member.id)).has(group.id))
      throw new DirectoryError("invalid", CIRCULAR_MEMBERSHIP);
    groups.push(member.id);
  }
  if (users.length) await unit.addMembers(tenantId, group.id, users);
  if (groups.length) await unit.addNestedGroups(tenantId, group.id, groups);
}

async function pageOfIds(
  store: GroupStore,
  tenantId: string,
  ids: Iterable<string>,
  query: { after?: string; top: number },
): Promise<Page<GroupRecord>> {
  const chosen = [...ids]
    .filter((id) => query.after === undefined || id > query.after)
    .sort()
    .slice(0, query.top + 1);
  const groups = await store.findGroups(tenantId, chosen);
  return page(mergeById(groups, []), query.top);
}

export function membershipVerbs(store: GroupStore): MembershipVerbs {
  return {
    async listMembers(actor, tenantId, id, query) {
      authorize(actor, "readGroups");
      await existingGroup(store, tenantId, id);
      const [users, groups] = await Promise.all([
        store.listMembers(tenantId, id, query.after, query.top + 1),
        store.listMemberGroups(tenantId, id, query.after, query.top + 1),
      ]);
      const objects = mergeById<MemberObject>(
        users.map((user) => ({ type: "user", ...user })),
        groups.map((group) => ({ type: "group", ...group })),
      );
      return page(objects, query.top);
    },

    async transitiveMembers(actor, tenantId, id, query) {
      authorize(actor, "readGroups");
      await existingGroup(store, tenantId, id);
      const nested = await descendantsOf(store, tenantId, id);
      nested.delete(id);
      const [users, groups] = await Promise.all([
        store.listUsersInGroups(tenantId, [id, ...nested], query.after, query.top + 1),
        pageOfIds(store, tenantId, nested, query),
      ]);
      const objects = mergeById<MemberObject>(
        users.map((user) => ({ type: "user", ...user })),
        groups.items.map((group) => ({ type: "group", ...group })),
      );
      // A group page that stopped at top counts as "more" even when the users ran out first.
      return { items: objects.slice(0, query.top), more: objects.length > query.top || groups.more };
    },

    async addMember(actor, tenantId, id, memberId, correlationId) {
      authorize(actor, "writeMembers");
      await store
        .transaction(async (unit) => {
          const group = await existingGroup(unit, tenantId, id);
          await addMembersIn(unit, tenantId, group, [memberId]);
          await unit.audit.append(
            groupEvent(actor, tenantId, "group.membersAdded", id, { correlationId, data: { count: 1, members: [memberId] } }),
          );
        })
        .catch((error: unknown) => {
          // Two adds racing: the primary key (group, member) refuses the second.
          throw isUniqueConflict(error) ? new DirectoryError("conflict", "members") : error;
        });
    },

    async removeMember(actor, tenantId, id, memberId, correlationId) {
      authorize(actor, "writeMembers");
      await store.transaction(async (unit) => {
        await existingGroup(unit, tenantId, id);
        if (await unit.isMember(id, memberId)) await unit.removeMember(id, memberId);
        else if (await unit.isNested(id, memberId)) await unit.removeNestedGroup(id, memberId);
        else throw new DirectoryError("notFound", memberId);
        await unit.audit.append(
          groupEvent(actor, tenantId, "group.memberRemoved", id, { correlationId, data: { member: memberId } }),
        );
      });
    },

    async memberOf(actor, tenantId, userId, query) {
      authorize(actor, "readGroups");
      await existingUser(store, tenantId, userId);
      return page(await store.listMemberOf(tenantId, userId, query.after, query.top + 1), query.top);
    },

    async transitiveMemberOf(actor, tenantId, userId, query) {
      authorize(actor, "readGroups");
      await existingUser(store, tenantId, userId);
      const ids = await withAncestors(store, tenantId, await store.directGroupIds(tenantId, userId));
      return pageOfIds(store, tenantId, ids, query);
    },

    async memberGroupIds(actor, tenantId, userId, options) {
      authorize(actor, "readMemberships");
      await existingUser(store, tenantId, userId);
      const ids = await withAncestors(store, tenantId, await store.directGroupIds(tenantId, userId));
      if (!options.securityEnabledOnly) return [...ids].sort();
      const groups = await store.findGroups(tenantId, [...ids]);
      return groups
        .filter((group) => group.securityEnabled)
        .map((group) => group.id)
        .sort();
    },
  };
}
