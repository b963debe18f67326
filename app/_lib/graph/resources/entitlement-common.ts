import {
  isEntitlementError,
  type AccessPackageRecord,
  type CatalogRecord,
  type ConnectedOrganizationRecord,
  type PolicyRecord,
  type ResourceRecord,
  type ResourceRoleRecord,
  type RoleScopeRecord,
} from "../../access";
import type { GraphRequest } from "../context";
import { GraphError, graphErrors } from "../errors";
import type { FilterExpression, FilterLiteral } from "../odata/ast";
import { collection } from "../results";
import { pageSize, position } from "./directory-objects";

/** Every entitlement-management path starts here (contract §7). */
export const EM = "identityGovernance/entitlementManagement";

/** The caller, tenant and request id every write verb takes. */
export const callOf = (request: GraphRequest) => ({
  actor: request.actor,
  tenantId: request.tenant.slug,
  correlationId: request.requestId,
});

/**
 * An access-module refusal as Graph says it (contract §0.4): forbidden → 403, an unknown id in
 * the path → 404, anything the body got wrong → 400 with a detail naming the property.
 */
export async function viaAccess<T>(id: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isEntitlementError(error)) throw error;
    switch (error.code) {
      case "forbidden":
        throw graphErrors.denied();
      case "notFound":
        throw graphErrors.notFound(error.message || id);
      case "decided":
        // Another approver decided this stage first (contract §7.2: 409).
        throw new GraphError(409, "Conflict", error.message);
      case "invalid":
      case "conflict":
        throw graphErrors.badRequest(
          error.message,
          error.field
            ? [{ code: error.code === "conflict" ? "Conflict" : "InvalidValue", target: error.field, message: error.message }]
            : undefined,
        );
    }
    throw error;
  }
}

/** A path id must be a GUID (ids here are); anything else is Graph's invalid object identifier. */
export function guidParam(value: string): string {
  if (!/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(value)) throw graphErrors.invalidId(value);
  return value.toLowerCase();
}

/** A list route's page: `$top`, the `$skiptoken` position (ids ascending), and its next link. */
export async function listPage<T extends { id: string }>(
  request: GraphRequest,
  scope: Record<string, unknown>,
  fetch: (args: { top: number; after?: string }) => Promise<{ items: T[]; more: boolean }>,
  entitySet: string,
  shape: (item: T) => Record<string, unknown> | Promise<Record<string, unknown>>,
) {
  const fullScope = { ...scope, tenant: request.tenant.slug };
  const after = position(request, fullScope);
  const top = pageSize(request);
  const page = await fetch({ top, ...(after ? { after: after.id } : {}) });
  const last = page.items.at(-1);
  return collection(request, entitySet, await Promise.all(page.items.map(shape)), {
    ...(page.more && last ? { nextSkipToken: request.cursors.encode(fullScope, { value: null, id: last.id }) } : {}),
  });
}

const stringOf = (value: FilterLiteral, property: string): string => {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "guid" in value) return value.guid;
  throw graphErrors.unsupportedQuery(`Unsupported literal for property '${property}' in $filter.`);
};

/**
 * `$filter` as `eq` comparisons joined by `and`, each on a property the route maps (Graph path →
 * the store's name); anything else is 400 `Request_UnsupportedQuery` naming it.
 */
export function equalities<P extends string>(
  filter: FilterExpression | undefined,
  properties: Readonly<Record<string, P>>,
): { property: P; value: string }[] {
  if (!filter) return [];
  if (filter.kind === "and") return [...equalities(filter.left, properties), ...equalities(filter.right, properties)];
  if (filter.kind === "compare" && filter.op === "eq") {
    const mapped = Object.entries(properties).find(([name]) => name.toLowerCase() === filter.property.toLowerCase())?.[1];
    if (mapped) {
      const value = stringOf(filter.value, filter.property);
      return [{ property: mapped, value: /(^|\/)id$/i.test(filter.property) ? value.toLowerCase() : value }];
    }
  }
  const property = "property" in filter ? filter.property : filter.kind;
  throw graphErrors.unsupportedQuery(`Unsupported property '${property}' in $filter.`);
}

/** The `$expand` items a route serves, as written; another is refused by name. */
export function expansions(request: GraphRequest, served: readonly string[]): Set<string> {
  const wanted = new Set<string>();
  for (const item of request.query.expand ?? []) {
    const name = served.find((s) => s.toLowerCase() === item.replace(/\s+/g, "").toLowerCase());
    if (!name) throw graphErrors.badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${item}'.`);
    wanted.add(name);
  }
  return wanted;
}

/** A PATCH body whose `description: null` means "no description" (stored as ""). */
export function patchOf<T extends { description?: string | null }>(body: T): Omit<T, "description"> & { description?: string } {
  const { description, ...rest } = body;
  return { ...rest, ...(description !== undefined ? { description: description ?? "" } : {}) };
}

const iso = (date: Date) => date.toISOString();

/** Graph accessPackageCatalog (contract §7.2). */
export const catalogJson = (c: CatalogRecord) => ({
  id: c.id,
  displayName: c.displayName,
  description: c.description,
  catalogType: c.catalogType,
  state: c.state,
  isExternallyVisible: c.isExternallyVisible,
  createdDateTime: iso(c.createdAt),
  modifiedDateTime: iso(c.updatedAt),
});

/** Graph accessPackageResource. */
export const resourceJson = (r: Omit<ResourceRecord, "roles">) => ({
  id: r.id,
  displayName: r.displayName,
  description: r.description,
  originId: r.originId,
  originSystem: r.originSystem,
  createdDateTime: iso(r.createdAt),
  attributes: [],
});

/** Graph accessPackageResourceRole. */
export const roleJson = (role: ResourceRoleRecord, resource: Omit<ResourceRecord, "roles">) => ({
  id: role.id,
  displayName: role.displayName,
  description: role.description,
  originId: role.originId,
  originSystem: resource.originSystem,
});

/** Graph accessPackageResourceScope: Guestgate grants roles at the resource's root scope only. */
export const rootScopeJson = (scopeId: string, resource: Omit<ResourceRecord, "roles">) => ({
  id: scopeId,
  displayName: "Root",
  description: "Root Scope",
  originId: resource.originId,
  originSystem: resource.originSystem,
  isRootScope: true,
});

/** Graph accessPackageResourceRoleScope with role (and its resource) and scope expanded. */
export const roleScopeJson = (s: RoleScopeRecord) => ({
  id: s.id,
  createdDateTime: iso(s.createdAt),
  role: { ...roleJson(s.role, s.resource), resource: resourceJson(s.resource) },
  scope: rootScopeJson(s.id, s.resource),
});

/** Graph accessPackage. */
export const packageJson = (p: AccessPackageRecord) => ({
  id: p.id,
  displayName: p.displayName,
  description: p.description,
  isHidden: p.isHidden,
  createdDateTime: iso(p.createdAt),
  modifiedDateTime: iso(p.updatedAt),
});

/** Graph accessPackageAssignmentPolicy: the stored settings are already in Graph's shapes. */
export const policyJson = (p: PolicyRecord) => ({
  id: p.id,
  displayName: p.displayName,
  description: p.description,
  allowedTargetScope: p.allowedTargetScope,
  specificAllowedTargets: p.settings.specificAllowedTargets,
  automaticRequestSettings: p.settings.automaticRequestSettings,
  expiration: p.settings.expiration,
  requestorSettings: p.settings.requestorSettings,
  requestApprovalSettings: p.settings.requestApprovalSettings,
  questions: p.settings.questions,
  reviewSettings: null,
  notificationSettings: null,
  customExtensionStageSettings: [],
  createdDateTime: iso(p.createdAt),
  modifiedDateTime: iso(p.updatedAt),
});

/** Graph connectedOrganization. */
export const organizationJson = (o: ConnectedOrganizationRecord) => ({
  id: o.id,
  displayName: o.displayName,
  description: o.description,
  state: o.state,
  identitySources: o.identitySources,
  createdDateTime: iso(o.createdAt),
  modifiedDateTime: iso(o.updatedAt),
});
