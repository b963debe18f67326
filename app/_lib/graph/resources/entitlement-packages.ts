import { z } from "zod";
import { ORIGIN_SYSTEMS, type AccessPackageRecord } from "../../access";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { collection, entity, noContent } from "../results";
import {
  callOf,
  patchOf,
  catalogJson,
  EM,
  equalities,
  expansions,
  guidParam,
  listPage,
  packageJson,
  policyJson,
  roleScopeJson,
  viaAccess,
} from "./entitlement-common";

const createPackage = z.strictObject({
  displayName: z.string().min(1).max(256),
  description: z.string().max(1024).nullable().optional(),
  isHidden: z.boolean().optional(),
  catalog: z.strictObject({ id: z.string().max(64) }),
});
const updatePackage = z.strictObject({
  displayName: z.string().min(1).max(256).optional(),
  description: z.string().max(1024).nullable().optional(),
  isHidden: z.boolean().optional(),
});

const originRef = {
  id: z.string().max(64).optional(),
  displayName: z.string().max(256).nullable().optional(),
  description: z.string().max(1024).nullable().optional(),
  originId: z.string().max(128).optional(),
  originSystem: z.enum(ORIGIN_SYSTEMS).optional(),
};
const roleScopeBody = z.strictObject({
  role: z.strictObject({ ...originRef, resource: z.strictObject({ ...originRef }).optional() }),
  scope: z.strictObject({ ...originRef, isRootScope: z.boolean().optional() }).optional(),
});

const packageResponse = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string(),
  isHidden: z.boolean(),
  createdDateTime: z.string(),
  modifiedDateTime: z.string(),
});

const PACKAGE_FILTERS = { "catalog/id": "catalogId", id: "id", displayName: "displayName" } as const;
const EXPANDS = ["catalog", "resourceRoleScopes", "resourceRoleScopes($expand=role,scope)", "assignmentPolicies"] as const;
const packagesPath = `${EM}/accessPackages`;

/** An access package with what `$expand` asked for; the role scopes always carry role and scope. */
async function packageWith(request: GraphRequest, accessPackage: AccessPackageRecord, wanted: Set<string>) {
  const services = request.services.entitlements;
  const { actor } = request;
  const tenant = request.tenant.slug;
  const out: Record<string, unknown> = packageJson(accessPackage);
  if (wanted.has("catalog")) out.catalog = catalogJson(await services.getCatalog(actor, tenant, accessPackage.catalogId));
  if (wanted.has("resourceRoleScopes") || wanted.has("resourceRoleScopes($expand=role,scope)"))
    out.resourceRoleScopes = (await services.listRoleScopes(actor, tenant, accessPackage.id)).map(roleScopeJson);
  if (wanted.has("assignmentPolicies")) {
    const policies = await services.listPolicies(actor, tenant, {
      filters: [{ property: "accessPackageId", value: accessPackage.id }],
      top: 999,
    });
    out.assignmentPolicies = policies.items.map(policyJson);
  }
  return out;
}

/** Access packages and the resource roles they grant (contract §7.1). */
export const ENTITLEMENT_PACKAGE_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: packagesPath,
    access: ACCESS.entitlementsRead,
    summary: "List access packages",
    response: packageResponse,
    queryOptions: ["filter", "top", "skipToken", "expand"],
    async handle(request) {
      const filters = equalities(request.query.filter, PACKAGE_FILTERS);
      const wanted = expansions(request, EXPANDS);
      // Expansions are read per package, at most a page of them.
      return listPage(
        request,
        { resource: "accessPackages", filters, expand: [...wanted] },
        ({ top, after }) =>
          viaAccess("accessPackages", () =>
            request.services.entitlements.listPackages(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        packagesPath,
        (item) => packageWith(request, item, wanted),
      );
    },
  },
  {
    method: "GET",
    path: `${packagesPath}/filterByCurrentUser(on='allowedRequestor')`,
    access: ACCESS.entitlementsCurrentUser,
    summary: "List the access packages the signed-in user may request for themselves (delegated only)",
    async handle(request) {
      const offered = await viaAccess("accessPackages", () =>
        request.services.entitlements.requestable(request.actor, request.tenant.slug),
      );
      return collection(
        request,
        packagesPath,
        offered.map(({ accessPackage }) => ({ ...packageJson(accessPackage), catalog: { id: accessPackage.catalogId } })),
      );
    },
  },
  {
    method: "POST",
    path: packagesPath,
    access: ACCESS.entitlementsWrite,
    summary: "Create an access package in a catalog",
    body: createPackage,
    response: packageResponse,
    async handle(request) {
      const body = request.body as z.infer<typeof createPackage>;
      const created = await viaAccess("accessPackage", () =>
        request.services.entitlements.createPackage(callOf(request), body.catalog.id.toLowerCase(), {
          displayName: body.displayName,
          description: body.description ?? "",
          isHidden: body.isHidden ?? false,
        }),
      );
      return entity(request, packagesPath, { ...packageJson(created), catalog: { id: created.catalogId } }, { status: 201 });
    },
  },
  {
    method: "GET",
    path: `${packagesPath}/{id}`,
    access: ACCESS.entitlementsRead,
    summary: "Get an access package ($expand=resourceRoleScopes($expand=role,scope), catalog, assignmentPolicies)",
    response: packageResponse,
    queryOptions: ["expand"],
    async handle(request) {
      const id = guidParam(request.params.id!);
      const wanted = expansions(request, EXPANDS);
      const found = await viaAccess(id, () => request.services.entitlements.getPackage(request.actor, request.tenant.slug, id));
      return entity(request, packagesPath, await viaAccess(id, () => packageWith(request, found, wanted)));
    },
  },
  {
    method: "PATCH",
    path: `${packagesPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Update an access package",
    body: updatePackage,
    async handle(request) {
      const id = guidParam(request.params.id!);
      const body = request.body as z.infer<typeof updatePackage>;
      await viaAccess(id, () => request.services.entitlements.updatePackage(callOf(request), id, patchOf(body)));
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: `${packagesPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Delete an access package (with its policies and role scopes; it must have no assignments)",
    async handle(request) {
      const id = guidParam(request.params.id!);
      await viaAccess(id, () => request.services.entitlements.deletePackage(callOf(request), id));
      return noContent();
    },
  },
  {
    method: "POST",
    path: `${packagesPath}/{id}/resourceRoleScopes`,
    access: ACCESS.entitlementsWrite,
    summary: "Grant a catalog resource's role through the access package (root scope)",
    body: roleScopeBody,
    async handle(request) {
      const id = guidParam(request.params.id!);
      const body = request.body as z.infer<typeof roleScopeBody>;
      const { role, scope } = body;
      const resourceOriginId = role.resource?.originId?.toLowerCase() ?? scope?.originId?.toLowerCase();
      // Only a resource's root scope is granted (groups and applications have no other).
      if (
        scope &&
        (scope.isRootScope === false || (scope.originId && resourceOriginId && scope.originId.toLowerCase() !== resourceOriginId))
      )
        throw graphErrors.badRequest("Only the resource's root scope can be granted.", [
          { code: "InvalidValue", target: "scope", message: "Only the resource's root scope can be granted." },
        ]);
      const created = await viaAccess(id, () =>
        request.services.entitlements.addRoleScope(callOf(request), id, {
          ...(role.id ? { roleId: role.id.toLowerCase() } : {}),
          ...(role.originId ? { originId: originIdOf(role.originId) } : {}),
          ...(resourceOriginId ? { resourceOriginId } : {}),
        }),
      );
      return entity(request, `${packagesPath}('${id}')/resourceRoleScopes`, roleScopeJson(created), { status: 201 });
    },
  },
  {
    method: "DELETE",
    path: `${packagesPath}/{id}/resourceRoleScopes/{rrsId}`,
    access: ACCESS.entitlementsWrite,
    summary: "Stop granting a resource role through the access package",
    async handle(request) {
      const id = guidParam(request.params.id!);
      const scopeId = guidParam(request.params.rrsId!);
      await viaAccess(scopeId, () => request.services.entitlements.removeRoleScope(callOf(request), id, scopeId));
      return noContent();
    },
  },
];

/** `Member_<groupId>` keeps its prefix's case; an app role's GUID is compared lower-case. */
const originIdOf = (originId: string) => {
  const match = /^(Member|Owner)_(.+)$/i.exec(originId);
  return match
    ? `${match[1]![0]!.toUpperCase()}${match[1]!.slice(1).toLowerCase()}_${match[2]!.toLowerCase()}`
    : originId.toLowerCase();
};
