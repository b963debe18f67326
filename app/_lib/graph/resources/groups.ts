import { z } from "zod";
import type { GroupFilter } from "../../directory";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import type { FilterExpression } from "../odata/ast";
import { ACCESS } from "../permissions";
import { objectId, referencedId } from "../references";
import { collection, entity, noContent, project } from "../results";
import { groupJson, pageSize, position, viaService } from "./directory-objects";
import { MEMBER_COLLECTIONS } from "./group-members";

const GROUP_PROPERTIES = new Set(
  Object.keys(
    groupJson({
      id: "",
      tenantId: "",
      displayName: "",
      description: null,
      mailNickname: "",
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      createdAt: new Date(0),
    }),
  ),
);

const groupFields = {
  displayName: z.string().min(1).max(256),
  description: z.string().max(1024).nullable().optional(),
  mailEnabled: z.boolean(),
  mailNickname: z.string().min(1).max(64),
  securityEnabled: z.boolean(),
  groupTypes: z.array(z.string().max(64)).max(10).optional(),
};

const createBody = z.strictObject(groupFields);
const updateBody = z.strictObject({
  displayName: groupFields.displayName.optional(),
  description: groupFields.description,
  mailEnabled: groupFields.mailEnabled.optional(),
  mailNickname: groupFields.mailNickname.optional(),
  securityEnabled: groupFields.securityEnabled.optional(),
  groupTypes: groupFields.groupTypes,
  // Up to 20 in one PATCH, all or nothing (contract §3.1); the service enforces the limit.
  "members@odata.bind": z.array(z.string().min(1).max(2048)).optional(),
});

const groupResponse = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  mailEnabled: z.boolean(),
  mailNickname: z.string(),
  securityEnabled: z.boolean(),
  mail: z.null(),
  groupTypes: z.array(z.string()),
  createdDateTime: z.string(),
  visibility: z.null(),
  isAssignableToRole: z.boolean(),
});

const literal = (value: unknown, property: string): string => {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "guid" in value) return String((value as { guid: string }).guid);
  throw graphErrors.unsupportedQuery(`Unsupported literal for property '${property}' in $filter.`);
};

/** `$filter` on groups: displayName eq/startsWith, id in/eq, joined by `and` (contract §3.1). */
export function groupFilters(filter: FilterExpression | undefined): GroupFilter[] {
  if (!filter) return [];
  switch (filter.kind) {
    case "and":
      return [...groupFilters(filter.left), ...groupFilters(filter.right)];
    case "compare":
      if (filter.op === "eq" && filter.property === "displayName")
        return [{ property: "displayName", op: "eq", value: literal(filter.value, "displayName") }];
      if (filter.op === "eq" && filter.property === "id")
        return [{ property: "id", op: "in", values: [literal(filter.value, "id").toLowerCase()] }];
      break;
    case "function":
      if (filter.name === "startsWith" && filter.property === "displayName")
        return [{ property: "displayName", op: "startsWith", value: filter.value }];
      break;
    case "in":
      if (filter.property === "id")
        return [{ property: "id", op: "in", values: filter.values.map((value) => literal(value, "id").toLowerCase()) }];
      break;
  }
  const property = "property" in filter ? filter.property : filter.kind;
  throw graphErrors.unsupportedQuery(`Unsupported property '${property}' in $filter.`);
}

const actorOf = (request: GraphRequest) => request.actor;
const tenantOf = (request: GraphRequest) => request.tenant.slug;

export const groupRoutes: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "groups",
    access: ACCESS.groupsRead,
    summary: "List groups",
    response: groupResponse,
    queryOptions: ["select", "filter", "orderBy", "top", "skipToken"],
    async handle(request) {
      // Groups page by displayName (contract §0.5); that is the one order there is.
      for (const item of request.query.orderBy ?? [])
        if (item.property !== "displayName" || item.direction !== "asc")
          throw graphErrors.unsupportedQuery(`Unsupported $orderby '${item.property} ${item.direction}'.`);
      const filters = groupFilters(request.query.filter);
      const scope = { resource: "groups", tenant: tenantOf(request), filters };
      const after = position(request, scope);
      const top = pageSize(request);
      const page = await viaService("groups", () =>
        request.services.groups.list(actorOf(request), tenantOf(request), {
          filters,
          top,
          ...(after ? { after: { displayName: after.value ?? "", id: after.id } } : {}),
        }),
      );
      const last = page.items.at(-1);
      const items = page.items.map((group) =>
        project(groupJson(group), request.query.select, { type: "group", known: GROUP_PROPERTIES }),
      );
      return collection(request, "groups", items, {
        ...(page.more && last ? { nextSkipToken: request.cursors.encode(scope, { value: last.displayName, id: last.id }) } : {}),
      });
    },
  },
  {
    method: "POST",
    path: "groups",
    access: ACCESS.groupsWrite,
    summary: "Create a group",
    body: createBody,
    response: groupResponse,
    async handle(request) {
      const body = request.body as z.infer<typeof createBody>;
      const group = await viaService("groups", () =>
        request.services.groups.create(
          actorOf(request),
          tenantOf(request),
          {
            displayName: body.displayName,
            description: body.description ?? null,
            mailEnabled: body.mailEnabled,
            mailNickname: body.mailNickname,
            securityEnabled: body.securityEnabled,
            groupTypes: body.groupTypes ?? [],
          },
          request.requestId,
        ),
      );
      return entity(request, "groups", groupJson(group), { status: 201 });
    },
  },
  {
    method: "GET",
    path: "groups/{id}",
    access: ACCESS.groupsRead,
    summary: "Get a group",
    response: groupResponse,
    queryOptions: ["select"],
    async handle(request) {
      const id = objectId(request.params.id!);
      const group = await viaService(id, () => request.services.groups.get(actorOf(request), tenantOf(request), id));
      return entity(
        request,
        "groups",
        project(groupJson(group), request.query.select, { type: "group", known: GROUP_PROPERTIES }),
      );
    },
  },
  {
    method: "PATCH",
    path: "groups/{id}",
    // GroupMember.ReadWrite.All may bind members; the service asks Group.ReadWrite.All for the
    // group's own properties.
    access: ACCESS.groupMembersWrite,
    summary: "Update a group, or add up to 20 members with members@odata.bind",
    body: updateBody,
    async handle(request) {
      const id = objectId(request.params.id!);
      const { "members@odata.bind": bind, ...properties } = request.body as z.infer<typeof updateBody>;
      const bindMembers = bind?.map((url) => referencedId(url, MEMBER_COLLECTIONS));
      const changes = Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined));
      await viaService(id, () =>
        request.services.groups.update(
          actorOf(request),
          tenantOf(request),
          id,
          { ...changes, ...(bindMembers ? { bindMembers } : {}) },
          request.requestId,
        ),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "groups/{id}",
    access: ACCESS.groupsWrite,
    summary: "Delete a group",
    async handle(request) {
      const id = objectId(request.params.id!);
      await viaService(id, () => request.services.groups.delete(actorOf(request), tenantOf(request), id, request.requestId));
      return noContent();
    },
  },
];
