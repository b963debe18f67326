import { randomBytes } from "node:crypto";
import type { Actor } from "../actor";
import type { AuditEventInput } from "../audit";
import { DirectoryError } from "../service-contract";
import { isUniqueConflict } from "../service/store";
import { mayManageGroups, type GroupAction } from "./permissions";
import type {
  AppRoleAssignmentRecord,
  GroupChanges,
  GroupFilter,
  GroupReads,
  GroupRecord,
  GroupStore,
  MemberRecord,
  NewGroup,
} from "./store";

/** "Assigned to the app, no specific role" (contract §3.2). */
export const DEFAULT_APP_ROLE_ID = "00000000-0000-0000-0000-000000000000";
/** Graph's limit on `members@odata.bind` in one PATCH (contract §3.1). */
export const MAX_BOUND_MEMBERS = 20;

export interface Page<T> {
  items: T[];
  /** More rows follow the last item. */
  more: boolean;
}

export interface GroupService {
  create(actor: Actor, tenantId: string, group: NewGroup, correlationId?: string): Promise<GroupRecord>;
  get(actor: Actor, tenantId: string, id: string): Promise<GroupRecord>;
  list(
    actor: Actor,
    tenantId: string,
    query: { filters: GroupFilter[]; after?: { displayName: string; id: string }; top: number },
  ): Promise<Page<GroupRecord>>;
  /** Changes and bound members (all or nothing: one unknown member, nothing changes). */
  update(
    actor: Actor,
    tenantId: string,
    id: string,
    changes: GroupChanges & { bindMembers?: readonly string[] },
    correlationId?: string,
  ): Promise<void>;
  delete(actor: Actor, tenantId: string, id: string, correlationId?: string): Promise<void>;
  listMembers(actor: Actor, tenantId: string, id: string, query: { after?: string; top: number }): Promise<Page<MemberRecord>>;
  addMember(actor: Actor, tenantId: string, id: string, memberId: string, correlationId?: string): Promise<void>;
  removeMember(actor: Actor, tenantId: string, id: string, memberId: string, correlationId?: string): Promise<void>;
  memberOf(actor: Actor, tenantId: string, userId: string, query: { after?: string; top: number }): Promise<Page<GroupRecord>>;
}

export interface AppRoleAssignmentService {
  list(actor: Actor, tenantId: string, userId: string): Promise<AppRoleAssignmentRecord[]>;
  /** `resourceId` is the application's object id (Application.id). */
  create(
    actor: Actor,
    tenantId: string,
    input: { userId: string; resourceId: string; appRoleId: string },
    correlationId?: string,
  ): Promise<AppRoleAssignmentRecord>;
  delete(actor: Actor, tenantId: string, userId: string, assignmentId: string, correlationId?: string): Promise<void>;
}

function authorize(actor: Actor, action: GroupAction): void {
  if (!mayManageGroups(actor, action)) throw new DirectoryError("forbidden", `${actor.type} may not ${action}`);
}

async function existingGroup(reads: GroupReads, tenantId: string, id: string): Promise<GroupRecord> {
  const group = await reads.findGroup(tenantId, id);
  if (!group) throw new DirectoryError("notFound", id);
  return group;
}

async function existingUser(reads: GroupReads, tenantId: string, id: string): Promise<MemberRecord> {
  const user = await reads.findUser(tenantId, id);
  if (!user) throw new DirectoryError("notFound", id);
  return user;
}

const page = <T>(rows: T[], top: number): Page<T> => ({ items: rows.slice(0, top), more: rows.length > top });

/**
 * Groups and their members (docs/ARCHITECTURE.md, "Services and actors"): may this actor? → does
 * the group (and the user) exist in this tenant? → the invariant → the writes and their audit event
 * in one transaction. Members are users of the same tenant only; another tenant's id is not found.
 */
export function createGroupService(store: GroupStore): GroupService {
  const event = (actor: Actor, tenantId: string, type: string, groupId: string, rest: Partial<AuditEventInput> = {}) =>
    ({ tenantId, type, actor, target: { type: "group", id: groupId }, ...rest }) satisfies AuditEventInput;

  async function addMembers(actor: Actor, tenantId: string, id: string, memberIds: readonly string[], correlationId?: string) {
    await store
      .transaction(async (unit) => {
        await existingGroup(unit, tenantId, id);
        for (const memberId of memberIds) {
          await existingUser(unit, tenantId, memberId);
          if (await unit.isMember(id, memberId)) throw new DirectoryError("conflict", "members");
        }
        await unit.addMembers(tenantId, id, memberIds);
        await unit.audit.append(
          event(actor, tenantId, "group.membersAdded", id, {
            correlationId,
            data: { count: memberIds.length, members: [...memberIds] },
          }),
        );
      })
      .catch((error: unknown) => {
        // Two adds racing: the primary key (group, guest) refuses the second.
        throw isUniqueConflict(error) ? new DirectoryError("conflict", "members") : error;
      });
  }

  return {
    async create(actor, tenantId, group, correlationId) {
      authorize(actor, "writeGroups");
      return store.transaction(async (unit) => {
        const created = await unit.createGroup(tenantId, group);
        await unit.audit.append(event(actor, tenantId, "group.created", created.id, { correlationId }));
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
      if (bindMembers && new Set(bindMembers).size !== bindMembers.length) throw new DirectoryError("conflict", "members");
      await store
        .transaction(async (unit) => {
          await existingGroup(unit, tenantId, id);
          if (Object.keys(properties).length > 0) {
            await unit.updateGroup(id, properties);
            await unit.audit.append(
              event(actor, tenantId, "group.updated", id, { correlationId, data: { properties: Object.keys(properties) } }),
            );
          }
          if (bindMembers?.length) {
            for (const memberId of bindMembers) {
              await existingUser(unit, tenantId, memberId);
              if (await unit.isMember(id, memberId)) throw new DirectoryError("conflict", "members");
            }
            await unit.addMembers(tenantId, id, bindMembers);
            await unit.audit.append(
              event(actor, tenantId, "group.membersAdded", id, {
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
        await unit.audit.append(event(actor, tenantId, "group.deleted", id, { correlationId }));
      });
    },

    async listMembers(actor, tenantId, id, query) {
      authorize(actor, "readGroups");
      await existingGroup(store, tenantId, id);
      return page(await store.listMembers(tenantId, id, query.after, query.top + 1), query.top);
    },

    async addMember(actor, tenantId, id, memberId, correlationId) {
      authorize(actor, "writeMembers");
      await addMembers(actor, tenantId, id, [memberId], correlationId);
    },

    async removeMember(actor, tenantId, id, memberId, correlationId) {
      authorize(actor, "writeMembers");
      await store.transaction(async (unit) => {
        await existingGroup(unit, tenantId, id);
        if (!(await unit.isMember(id, memberId))) throw new DirectoryError("notFound", memberId);
        await unit.removeMember(id, memberId);
        await unit.audit.append(event(actor, tenantId, "group.memberRemoved", id, { correlationId, data: { member: memberId } }));
      });
    },

    async memberOf(actor, tenantId, userId, query) {
      authorize(actor, "readGroups");
      await existingUser(store, tenantId, userId);
      return page(await store.listMemberOf(tenantId, userId, query.after, query.top + 1), query.top);
    },
  };
}

/** An opaque assignment id, as Graph's are (contract §3.2): 32 random bytes, base64url. */
const newAssignmentId = () => randomBytes(32).toString("base64url");

/**
 * App-role assignments of users (contract §3.2). `resourceId` is the application's object id
 * (Application.id): Guestgate has no servicePrincipals collection, so the application stands for
 * its own service principal. `appRoleId` is one of the application's enabled roles, or the
 * all-zero GUID.
 */
export function createAppRoleAssignmentService(
  store: GroupStore,
  newId: () => string = newAssignmentId,
): AppRoleAssignmentService {
  const event = (actor: Actor, tenantId: string, type: string, userId: string, rest: Partial<AuditEventInput> = {}) =>
    ({ tenantId, type, actor, target: { type: "guest", id: userId }, ...rest }) satisfies AuditEventInput;

  return {
    async list(actor, tenantId, userId) {
      authorize(actor, "readAssignments");
      await existingUser(store, tenantId, userId);
      return store.listAssignments(tenantId, userId);
    },

    async create(actor, tenantId, input, correlationId) {
      authorize(actor, "writeAssignments");
      return store
        .transaction(async (unit) => {
          const user = await existingUser(unit, tenantId, input.userId);
          const application = await unit.findApplication(tenantId, input.resourceId);
          if (!application) throw new DirectoryError("notFound", input.resourceId);
          const roleId = input.appRoleId.toLowerCase();
          if (roleId !== DEFAULT_APP_ROLE_ID && !application.roles.some((role) => role.id === roleId))
            throw new DirectoryError("invalid", "appRoleId");
          const id = newId();
          await unit.createAssignment({ id, tenantId, guestId: user.id, applicationId: application.id, appRoleId: roleId });
          await unit.audit.append(
            event(actor, tenantId, "appRoleAssignment.created", user.id, {
              correlationId,
              data: { assignment: id, application: application.clientId, appRoleId: roleId },
            }),
          );
          const created = await unit.findAssignment(tenantId, user.id, id);
          return created!;
        })
        .catch((error: unknown) => {
          // (guest, application, role) is unique: Graph says the same as for a duplicate member.
          throw isUniqueConflict(error) ? new DirectoryError("conflict", "appRoleAssignments") : error;
        });
    },

    async delete(actor, tenantId, userId, assignmentId, correlationId) {
      authorize(actor, "writeAssignments");
      await store.transaction(async (unit) => {
        await existingUser(unit, tenantId, userId);
        const assignment = await unit.findAssignment(tenantId, userId, assignmentId);
        if (!assignment) throw new DirectoryError("notFound", assignmentId);
        await unit.deleteAssignment(assignment.id);
        await unit.audit.append(
          event(actor, tenantId, "appRoleAssignment.deleted", userId, {
            correlationId,
            data: { assignment: assignment.id, appRoleId: assignment.appRoleId },
          }),
        );
      });
    },
  };
}
