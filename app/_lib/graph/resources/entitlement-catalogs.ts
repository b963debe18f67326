import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CATALOG_STATES, CATALOG_TYPES, ORIGIN_SYSTEMS } from "../../access";
import type { GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { entity, noContent } from "../results";
import {
  callOf,
  patchOf,
  catalogJson,
  EM,
  equalities,
  expansions,
  guidParam,
  listPage,
  resourceJson,
  roleJson,
  viaAccess,
} from "./entitlement-common";

const catalogFields = {
  displayName: z.string().min(1).max(256),
  description: z.string().max(1024).nullable().optional(),
  catalogType: z.enum(CATALOG_TYPES).optional(),
  state: z.enum(CATALOG_STATES).optional(),
  isExternallyVisible: z.boolean().optional(),
};
const createCatalog = z.strictObject(catalogFields);
const updateCatalog = z.strictObject({ ...catalogFields, displayName: catalogFields.displayName.optional() });

const catalogResponse = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string(),
  catalogType: z.enum(CATALOG_TYPES),
  state: z.enum(CATALOG_STATES),
  isExternallyVisible: z.boolean(),
  createdDateTime: z.string(),
  modifiedDateTime: z.string(),
});

// Microsoft's samples write requestType in any case (contract §7.4).
const requestType = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(["adminadd", "adminremove"]))
  .transform((value) => (value === "adminadd" ? ("adminAdd" as const) : ("adminRemove" as const)));

const resourceRequestBody = z.strictObject({
  requestType,
  justification: z.string().max(1024).nullable().optional(),
  catalog: z.strictObject({ id: z.string().max(64) }),
  resource: z.strictObject({
    originId: z.string().min(1).max(64),
    originSystem: z.enum(ORIGIN_SYSTEMS),
    displayName: z.string().max(256).nullable().optional(),
    description: z.string().max(1024).nullable().optional(),
  }),
});

const CATALOG_FILTERS = { displayName: "displayName", id: "id", state: "state" } as const;
const ROLE_FILTERS = { originSystem: "originSystem", "resource/id": "resourceId", originId: "originId" } as const;

const catalogPath = `${EM}/catalogs`;

/** Catalogs, their resources and roles, and resourceRequests (contract §7.1). */
export const ENTITLEMENT_CATALOG_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: catalogPath,
    access: ACCESS.entitlementsRead,
    summary: "List access package catalogs",
    response: catalogResponse,
    queryOptions: ["filter", "top", "skipToken"],
    async handle(request) {
      const filters = equalities(request.query.filter, CATALOG_FILTERS);
      return listPage(
        request,
        { resource: "catalogs", filters },
        ({ top, after }) =>
          viaAccess("catalogs", () =>
            request.services.entitlements.listCatalogs(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        "identityGovernance/entitlementManagement/catalogs",
        catalogJson,
      );
    },
  },
  {
    method: "POST",
    path: catalogPath,
    access: ACCESS.entitlementsWrite,
    summary: "Create an access package catalog",
    body: createCatalog,
    response: catalogResponse,
    async handle(request) {
      const body = request.body as z.infer<typeof createCatalog>;
      const catalog = await viaAccess("catalog", () =>
        request.services.entitlements.createCatalog(callOf(request), {
          displayName: body.displayName,
          description: body.description ?? "",
          catalogType: body.catalogType ?? "userManaged",
          state: body.state ?? "published",
          isExternallyVisible: body.isExternallyVisible ?? true,
        }),
      );
      return entity(request, `${catalogPath}`, catalogJson(catalog), { status: 201 });
    },
  },
  {
    method: "GET",
    path: `${catalogPath}/{id}`,
    access: ACCESS.entitlementsRead,
    summary: "Get an access package catalog",
    response: catalogResponse,
    async handle(request) {
      const id = guidParam(request.params.id!);
      const catalog = await viaAccess(id, () => request.services.entitlements.getCatalog(request.actor, request.tenant.slug, id));
      return entity(request, catalogPath, catalogJson(catalog));
    },
  },
  {
    method: "PATCH",
    path: `${catalogPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Update an access package catalog",
    body: updateCatalog,
    async handle(request) {
      const id = guidParam(request.params.id!);
      const body = request.body as z.infer<typeof updateCatalog>;
      await viaAccess(id, () => request.services.entitlements.updateCatalog(callOf(request), id, patchOf(body)));
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: `${catalogPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Delete an access package catalog (it must hold no access packages)",
    async handle(request) {
      const id = guidParam(request.params.id!);
      await viaAccess(id, () => request.services.entitlements.deleteCatalog(callOf(request), id));
      return noContent();
    },
  },
  {
    method: "GET",
    path: `${catalogPath}/{id}/resources`,
    access: ACCESS.entitlementsRead,
    summary: "List a catalog's resources",
    queryOptions: ["top", "skipToken", "expand"],
    async handle(request) {
      const id = guidParam(request.params.id!);
      const withRoles = expansions(request, ["roles"]).has("roles");
      return listPage(
        request,
        { resource: "catalogResources", catalog: id },
        ({ top, after }) =>
          viaAccess(id, () =>
            request.services.entitlements.listResources(request.actor, request.tenant.slug, id, {
              top,
              ...(after ? { after } : {}),
            }),
          ),
        "identityGovernance/entitlementManagement/catalogs('id')/resources",
        (resource) => ({
          ...resourceJson(resource),
          ...(withRoles ? { roles: resource.roles.map((role) => roleJson(role, resource)) } : {}),
        }),
      );
    },
  },
  {
    method: "GET",
    path: `${catalogPath}/{id}/resourceRoles`,
    access: ACCESS.entitlementsRead,
    summary: "List the roles of a catalog's resources",
    queryOptions: ["filter", "top", "skipToken", "expand"],
    async handle(request) {
      const id = guidParam(request.params.id!);
      const filters = equalities(request.query.filter, ROLE_FILTERS);
      const withResource = expansions(request, ["resource"]).has("resource");
      return listPage(
        request,
        { resource: "catalogResourceRoles", catalog: id, filters },
        ({ top, after }) =>
          viaAccess(id, () =>
            request.services.entitlements.listResourceRoles(request.actor, request.tenant.slug, id, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        "identityGovernance/entitlementManagement/catalogs('id')/resourceRoles",
        (role) => ({ ...roleJson(role, role.resource), ...(withResource ? { resource: resourceJson(role.resource) } : {}) }),
      );
    },
  },
  {
    method: "POST",
    path: `${EM}/resourceRequests`,
    access: ACCESS.entitlementsWrite,
    summary: "Add a group or an application to a catalog (adminAdd), or take it out (adminRemove)",
    body: resourceRequestBody,
    async handle(request) {
      const body = request.body as z.infer<typeof resourceRequestBody>;
      const catalogId = body.catalog.id.toLowerCase();
      if (!/^[0-9a-f-]{36}$/.test(catalogId)) throw graphErrors.badRequest(`Invalid object identifier '${body.catalog.id}'.`);
      const resource = await viaAccess(body.resource.originId, () =>
        request.services.entitlements.requestResource(callOf(request), {
          requestType: body.requestType,
          catalogId,
          originSystem: body.resource.originSystem,
          originId: body.resource.originId.toLowerCase(),
        }),
      );
      // Delivered at once: the resource's roles are read from the directory in the same transaction.
      return entity(
        request,
        `${EM}/resourceRequests`,
        {
          id: randomUUID(),
          requestType: body.requestType,
          state: "delivered",
          createdDateTime: request.now.toISOString(),
          catalog: { id: catalogId },
          resource: resourceJson(resource),
        },
        { status: 201 },
      );
    },
  },
];
