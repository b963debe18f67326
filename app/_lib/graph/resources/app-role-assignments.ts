import { z } from "zod";
import type { AppRoleAssignmentRecord } from "../../directory";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import type { FilterExpression, FilterLiteral } from "../odata/ast";
import { ACCESS } from "../permissions";
import { isGuid, objectId } from "../references";
import { collection, entity, noContent } from "../results";
import { viaService } from "./directory-objects";

const guid = z.string().refine(isGuid, "a GUID");
const createBody = z.strictObject({
  principalId: guid,
  // The application's object id (Application.id): Guestgate has no servicePrincipals collection,
  // so an application is its own service principal (contract §3.2 leaves this to Guestgate).
  resourceId: guid,
  appRoleId: guid,
  // Clients sometimes echo these back; they are read-only and ignored.
  principalType: z.enum(["User", "Group"]).optional(),
});

const assignmentResponse = z.object({
  id: z.string(),
  appRoleId: z.string(),
  principalId: z.string(),
  principalType: z.enum(["User", "Group"]),
  principalDisplayName: z.string().nullable(),
  resourceId: z.string(),
  resourceDisplayName: z.string(),
  createdDateTime: z.string(),
  deletedDateTime: z.null(),
});

/** Graph `appRoleAssignment` (contract §3.2). */
export function assignmentJson(assignment: AppRoleAssignmentRecord): Record<string, unknown> {
  return {
    id: assignment.id,
    appRoleId: assignment.appRoleId,
    principalId: assignment.guestId,
    principalType: assignment.principalType,
    principalDisplayName: assignment.guestDisplayName,
    resourceId: assignment.applicationId,
    resourceDisplayName: assignment.applicationName,
    createdDateTime: assignment.createdAt.toISOString(),
    deletedDateTime: null,
  };
}

const text = (value: FilterLiteral): string | undefined =>
  typeof value === "string" ? value : value && typeof value === "object" && "guid" in value ? value.guid : undefined;

/**
 * `$filter` on appRoleAssignments: `resourceId eq` (the GUID quoted or not, contract §3.2) and
 * `principalDisplayName` eq/startsWith, joined by `and`.
 */
export function assignmentFilter(filter: FilterExpression | undefined): (item: Record<string, unknown>) => boolean {
  if (!filter) return () => true;
  if (filter.kind === "and") {
    const left = assignmentFilter(filter.left);
    const right = assignmentFilter(filter.right);
    return (item) => left(item) && right(item);
  }
  if (
    filter.kind === "compare" &&
    filter.op === "eq" &&
    (filter.property === "resourceId" || filter.property === "principalDisplayName")
  ) {
    const value = text(filter.value);
    if (value !== undefined) {
      const wanted = filter.property === "resourceId" ? value.toLowerCase() : value;
      return (item) => item[filter.property] === wanted;
    }
  }
  if (filter.kind === "function" && filter.name === "startsWith" && filter.property === "principalDisplayName")
    return (item) => typeof item.principalDisplayName === "string" && item.principalDisplayName.startsWith(filter.value);
  const property = "property" in filter ? filter.property : filter.kind;
  throw graphErrors.unsupportedQuery(`Unsupported property '${property}' in $filter.`);
}

/** The body's principal must be the object in the path (users/{id} or groups/{id}). */
function principalOf(request: GraphRequest, kind: "user" | "group") {
  const id = objectId(request.params.id!);
  const body = request.body as z.infer<typeof createBody>;
  if (body.principalId.toLowerCase() !== id)
    throw graphErrors.badRequest(`Invalid value specified for property 'principalId': it must be the ${kind} in the path.`);
  return { id, body };
}

export const appRoleAssignmentRoutes: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "users/{id}/appRoleAssignments",
    access: ACCESS.appRoleAssignmentsRead,
    summary: "List a user's app-role assignments",
    response: assignmentResponse,
    queryOptions: ["filter"],
    async handle(request) {
      const id = objectId(request.params.id!);
      const keep = assignmentFilter(request.query.filter);
      const assignments = await viaService(id, () =>
        request.services.appRoleAssignments.list(request.actor, request.tenant.slug, id),
      );
      // One user's assignments are few: filtered here rather than in the store.
      return collection(request, `users('${id}')/appRoleAssignments`, assignments.map(assignmentJson).filter(keep));
    },
  },
  {
    method: "POST",
    path: "users/{id}/appRoleAssignments",
    access: ACCESS.appRoleAssignmentsWrite,
    summary: "Assign an app role to a user",
    body: createBody,
    response: assignmentResponse,
    async handle(request) {
      const { id, body } = principalOf(request, "user");
      const assignment = await viaService(id, () =>
        request.services.appRoleAssignments.create(
          request.actor,
          request.tenant.slug,
          { userId: id, resourceId: body.resourceId.toLowerCase(), appRoleId: body.appRoleId },
          request.requestId,
        ),
      );
      return entity(request, `users('${id}')/appRoleAssignments`, assignmentJson(assignment), { status: 201 });
    },
  },
  {
    method: "DELETE",
    path: "users/{id}/appRoleAssignments/{assignmentId}",
    access: ACCESS.appRoleAssignmentsWrite,
    summary: "Remove an app-role assignment",
    async handle(request) {
      const id = objectId(request.params.id!);
      const assignmentId = request.params.assignmentId!;
      await viaService(assignmentId, () =>
        request.services.appRoleAssignments.delete(request.actor, request.tenant.slug, id, assignmentId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "GET",
    path: "groups/{id}/appRoleAssignments",
    access: ACCESS.appRoleAssignmentsRead,
    summary: "List a group's app-role assignments",
    response: assignmentResponse,
    queryOptions: ["filter"],
    async handle(request) {
      const id = objectId(request.params.id!);
      const keep = assignmentFilter(request.query.filter);
      const assignments = await viaService(id, () =>
        request.services.appRoleAssignments.listForGroup(request.actor, request.tenant.slug, id),
      );
      return collection(request, `groups('${id}')/appRoleAssignments`, assignments.map(assignmentJson).filter(keep));
    },
  },
  {
    method: "POST",
    path: "groups/{id}/appRoleAssignments",
    access: ACCESS.appRoleAssignmentsWrite,
    summary: "Assign an app role to a group: its direct members get the role in their tokens",
    body: createBody,
    response: assignmentResponse,
    async handle(request) {
      const { id, body } = principalOf(request, "group");
      const assignment = await viaService(id, () =>
        request.services.appRoleAssignments.createForGroup(
          request.actor,
          request.tenant.slug,
          { groupId: id, resourceId: body.resourceId.toLowerCase(), appRoleId: body.appRoleId },
          request.requestId,
        ),
      );
      return entity(request, `groups('${id}')/appRoleAssignments`, assignmentJson(assignment), { status: 201 });
    },
  },
  {
    method: "DELETE",
    path: "groups/{id}/appRoleAssignments/{assignmentId}",
    access: ACCESS.appRoleAssignmentsWrite,
    summary: "Remove a group's app-role assignment",
    async handle(request) {
      const id = objectId(request.params.id!);
      const assignmentId = request.params.assignmentId!;
      await viaService(assignmentId, () =>
        request.services.appRoleAssignments.deleteForGroup(
          request.actor,
          request.tenant.slug,
          id,
          assignmentId,
          request.requestId,
        ),
      );
      return noContent();
    },
  },
];
