import { randomBytes } from "node:crypto";
import type { Actor } from "../actor";
import type { AuditEventInput } from "../audit";
import { DirectoryError } from "../service-contract";
import { isUniqueConflict } from "../service/store";
import { authorize, existingGroup, existingUser, groupEvent } from "./common";
import type { AppRoleAssignmentRecord, GroupUnit, GroupStore, ResourceApplication } from "./store";

/** "Assigned to the app, no specific role" (contract §3.2). */
export const DEFAULT_APP_ROLE_ID = "00000000-0000-0000-0000-000000000000";

type AssignmentInput = { resourceId: string; appRoleId: string };

export interface AppRoleAssignmentService {
  list(actor: Actor, tenantId: string, userId: string): Promise<AppRoleAssignmentRecord[]>;
  /** `resourceId` is the application's object id (Application.id). */
  create(
    actor: Actor,
    tenantId: string,
    input: AssignmentInput & { userId: string },
    correlationId?: string,
  ): Promise<AppRoleAssignmentRecord>;
  delete(actor: Actor, tenantId: string, userId: string, assignmentId: string, correlationId?: string): Promise<void>;
  /** A group's assignments: its direct members get the roles (contract §3.3). */
  listForGroup(actor: Actor, tenantId: string, groupId: string): Promise<AppRoleAssignmentRecord[]>;
  createForGroup(
    actor: Actor,
    tenantId: string,
    input: AssignmentInput & { groupId: string },
    correlationId?: string,
  ): Promise<AppRoleAssignmentRecord>;
  deleteForGroup(actor: Actor, tenantId: string, groupId: string, assignmentId: string, correlationId?: string): Promise<void>;
}

/** An opaque assignment id, as Graph's are (contract §3.2): 32 random bytes, base64url. */
const newAssignmentId = () => randomBytes(32).toString("base64url");

/** The application and the role id to store, or notFound/invalid as Graph refuses them. */
async function resolveRole(unit: GroupUnit, tenantId: string, input: AssignmentInput): Promise<[ResourceApplication, string]> {
  const application = await unit.findApplication(tenantId, input.resourceId);
  if (!application) throw new DirectoryError("notFound", input.resourceId);
  const roleId = input.appRoleId.toLowerCase();
  if (roleId !== DEFAULT_APP_ROLE_ID && !application.roles.some((role) => role.id === roleId))
    throw new DirectoryError("invalid", "appRoleId");
  return [application, roleId];
}

// (principal, application, role) is unique: Graph says "already exists".
const duplicate = (error: unknown) => {
  throw isUniqueConflict(error) ? new DirectoryError("conflict", "appRoleAssignments") : error;
};

/**
 * App-role assignments of users and groups (contract §3.2). `resourceId` is the application's
 * object id (Application.id): Guestgate has no servicePrincipals collection, so the application
 * stands for its own service principal. `appRoleId` is one of the application's enabled roles,
 * or the all-zero GUID.
 */
export function createAppRoleAssignmentService(
  store: GroupStore,
  newId: () => string = newAssignmentId,
): AppRoleAssignmentService {
  const userEvent = (actor: Actor, tenantId: string, type: string, userId: string, rest: Partial<AuditEventInput> = {}) =>
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
          const [application, roleId] = await resolveRole(unit, tenantId, input);
          const id = newId();
          await unit.createAssignment({ id, tenantId, guestId: user.id, applicationId: application.id, appRoleId: roleId });
          await unit.audit.append(
            userEvent(actor, tenantId, "appRoleAssignment.created", user.id, {
              correlationId,
              data: { assignment: id, application: application.clientId, appRoleId: roleId },
            }),
          );
          return (await unit.findAssignment(tenantId, user.id, id))!;
        })
        .catch(duplicate);
    },

    async delete(actor, tenantId, userId, assignmentId, correlationId) {
      authorize(actor, "writeAssignments");
      await store.transaction(async (unit) => {
        await existingUser(unit, tenantId, userId);
        const assignment = await unit.findAssignment(tenantId, userId, assignmentId);
        if (!assignment) throw new DirectoryError("notFound", assignmentId);
        await unit.deleteAssignment(assignment.id);
        await unit.audit.append(
          userEvent(actor, tenantId, "appRoleAssignment.deleted", userId, {
            correlationId,
            data: { assignment: assignment.id, appRoleId: assignment.appRoleId },
          }),
        );
      });
    },

    async listForGroup(actor, tenantId, groupId) {
      authorize(actor, "readAssignments");
      await existingGroup(store, tenantId, groupId);
      return store.listGroupAssignments(tenantId, groupId);
    },

    async createForGroup(actor, tenantId, input, correlationId) {
      authorize(actor, "writeAssignments");
      return store
        .transaction(async (unit) => {
          const group = await existingGroup(unit, tenantId, input.groupId);
          const [application, roleId] = await resolveRole(unit, tenantId, input);
          const id = newId();
          await unit.createGroupAssignment({ id, tenantId, groupId: group.id, applicationId: application.id, appRoleId: roleId });
          await unit.audit.append(
            groupEvent(actor, tenantId, "group.appRoleAssignmentAdded", group.id, {
              correlationId,
              data: { assignment: id, application: application.clientId, appRoleId: roleId },
            }),
          );
          return (await unit.findGroupAssignment(tenantId, group.id, id))!;
        })
        .catch(duplicate);
    },

    async deleteForGroup(actor, tenantId, groupId, assignmentId, correlationId) {
      authorize(actor, "writeAssignments");
      await store.transaction(async (unit) => {
        await existingGroup(unit, tenantId, groupId);
        const assignment = await unit.findGroupAssignment(tenantId, groupId, assignmentId);
        if (!assignment) throw new DirectoryError("notFound", assignmentId);
        await unit.deleteGroupAssignment(assignment.id);
        await unit.audit.append(
          groupEvent(actor, tenantId, "group.appRoleAssignmentRemoved", groupId, {
            correlationId,
            data: { assignment: assignment.id, appRoleId: assignment.appRoleId },
          }),
        );
      });
    },
  };
}
