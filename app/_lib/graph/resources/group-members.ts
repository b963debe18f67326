import { z } from "zod";
import type { Page } from "../../directory";
import type { GraphRequest, GraphResult, GraphRoute } from "../context";
import { ACCESS } from "../permissions";
import { objectId, referenceBody, referencedId } from "../references";
import { collection, noContent } from "../results";
import { directoryObjectJson, groupObjectJson, memberJson, pageSize, position, viaService } from "./directory-objects";

// `@odata.id` of a member may name a user or a group under any of these collections (contract §3.1).
export const MEMBER_COLLECTIONS = ["directoryObjects", "users", "groups"] as const;
const OWNER_COLLECTIONS = ["directoryObjects", "users"] as const;

const tenantOf = (request: GraphRequest) => request.tenant.slug;

/**
 * One page of a directoryObject collection keyed by object id: the cursor is bound to `scope`
 * (which relation of which object), so a token cannot be replayed on another collection.
 */
export async function pagedObjects<T extends { id: string }>(
  request: GraphRequest,
  scope: Record<string, string>,
  read: (query: { after?: string; top: number }) => Promise<Page<T>>,
  json: (item: T) => Record<string, unknown>,
): Promise<GraphResult> {
  const fullScope = { ...scope, tenant: tenantOf(request) };
  const after = position(request, fullScope);
  const page = await viaService(request.params.id!, () =>
    read({ top: pageSize(request), ...(after ? { after: after.id } : {}) }),
  );
  const last = page.items.at(-1);
  return collection(request, "directoryObjects", page.items.map(json), {
    ...(page.more && last ? { nextSkipToken: request.cursors.encode(fullScope, { value: null, id: last.id }) } : {}),
  });
}

// getMemberObjects / getMemberGroups (Graph actions): `securityEnabledOnly` is required there too.
const memberObjectsBody = z.strictObject({ securityEnabledOnly: z.boolean() });

function memberGroupsAction(name: "getMemberObjects" | "getMemberGroups"): GraphRoute {
  return {
    method: "POST",
    path: `users/{id}/${name}`,
    access: ACCESS.memberships,
    summary:
      name === "getMemberObjects"
        ? "Ids of the groups a user is in, directly or through nested groups (the groups overage claim's endpoint)"
        : "Ids of the groups a user is in, directly or through nested groups",
    body: memberObjectsBody,
    async handle(request) {
      const id = objectId(request.params.id!);
      const { securityEnabledOnly } = request.body as z.infer<typeof memberObjectsBody>;
      const ids = await viaService(id, () =>
        request.services.groups.memberGroupIds(request.actor, tenantOf(request), id, { securityEnabledOnly }),
      );
      // An action returning Collection(Edm.String): 200 with `value`, never an empty body.
      return { status: 200, body: { "@odata.context": `${request.serviceRoot}/$metadata#Collection(Edm.String)`, value: ids } };
    },
  };
}

export const groupMemberRoutes: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "groups/{id}/members",
    access: ACCESS.groupsRead,
    summary: "List a group's direct members (users and nested groups)",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const id = objectId(request.params.id!);
      return pagedObjects(
        request,
        { resource: "members", group: id },
        (query) => request.services.groups.listMembers(request.actor, tenantOf(request), id, query),
        directoryObjectJson,
      );
    },
  },
  {
    method: "GET",
    path: "groups/{id}/transitiveMembers",
    access: ACCESS.groupsRead,
    summary: "List a group's members at any depth (users and nested groups)",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const id = objectId(request.params.id!);
      return pagedObjects(
        request,
        { resource: "transitiveMembers", group: id },
        (query) => request.services.groups.transitiveMembers(request.actor, tenantOf(request), id, query),
        directoryObjectJson,
      );
    },
  },
  {
    method: "POST",
    path: "groups/{id}/members/$ref",
    access: ACCESS.groupMembersWrite,
    summary: "Add a member (a user or a group)",
    body: referenceBody,
    async handle(request) {
      const id = objectId(request.params.id!);
      const memberId = referencedId((request.body as z.infer<typeof referenceBody>)["@odata.id"], MEMBER_COLLECTIONS);
      await viaService(id, () =>
        request.services.groups.addMember(request.actor, tenantOf(request), id, memberId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "groups/{id}/members/{memberId}/$ref",
    access: ACCESS.groupMembersWrite,
    summary: "Remove a member (a user or a group)",
    async handle(request) {
      const id = objectId(request.params.id!);
      const memberId = objectId(request.params.memberId!);
      await viaService(id, () =>
        request.services.groups.removeMember(request.actor, tenantOf(request), id, memberId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "GET",
    path: "groups/{id}/owners",
    access: ACCESS.groupsRead,
    summary: "List a group's owners (users)",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const id = objectId(request.params.id!);
      return pagedObjects(
        request,
        { resource: "owners", group: id },
        (query) => request.services.groups.listOwners(request.actor, tenantOf(request), id, query),
        memberJson,
      );
    },
  },
  {
    method: "POST",
    path: "groups/{id}/owners/$ref",
    access: ACCESS.groupsWrite,
    summary: "Add an owner (a user)",
    body: referenceBody,
    async handle(request) {
      const id = objectId(request.params.id!);
      const ownerId = referencedId((request.body as z.infer<typeof referenceBody>)["@odata.id"], OWNER_COLLECTIONS);
      await viaService(id, () =>
        request.services.groups.addOwner(request.actor, tenantOf(request), id, ownerId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "groups/{id}/owners/{ownerId}/$ref",
    access: ACCESS.groupsWrite,
    summary: "Remove an owner",
    async handle(request) {
      const id = objectId(request.params.id!);
      const ownerId = objectId(request.params.ownerId!);
      await viaService(id, () =>
        request.services.groups.removeOwner(request.actor, tenantOf(request), id, ownerId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "GET",
    path: "users/{id}/memberOf",
    access: ACCESS.groupsRead,
    summary: "List the groups a user is a direct member of",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const id = objectId(request.params.id!);
      return pagedObjects(
        request,
        { resource: "memberOf", user: id },
        (query) => request.services.groups.memberOf(request.actor, tenantOf(request), id, query),
        groupObjectJson,
      );
    },
  },
  {
    method: "GET",
    path: "users/{id}/transitiveMemberOf",
    access: ACCESS.groupsRead,
    summary: "List the groups a user is in, directly or through nested groups",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const id = objectId(request.params.id!);
      return pagedObjects(
        request,
        { resource: "transitiveMemberOf", user: id },
        (query) => request.services.groups.transitiveMemberOf(request.actor, tenantOf(request), id, query),
        groupObjectJson,
      );
    },
  },
  memberGroupsAction("getMemberObjects"),
  memberGroupsAction("getMemberGroups"),
];
