import { UniqueConflict, type Actor } from "../directory";
import { catalogOf, event, existing, given, listArgs, packageOf, page, type Call, type Page } from "./common";
import { EntitlementError, invalid, notFound } from "./errors";
import { authorize } from "./permissions";
import type {
  AccessPackageInput,
  AccessPackageRecord,
  CatalogFilter,
  CatalogInput,
  CatalogRecord,
  EntitlementStore,
  EntitlementUnit,
  PackageFilter,
  ResourceRecord,
  ResourceRoleRecord,
  RoleFilter,
  RoleScopeRecord,
} from "./records";

export interface ListArgs<F = never> {
  filters?: F[];
  after?: string;
  /** The page before this id (a portal's "previous" link); `more` then says whether there are rows before it. */
  before?: string;
  top: number;
}

type RoleWithResource = ResourceRoleRecord & { resource: Omit<ResourceRecord, "roles"> };

export interface CatalogVerbs {
  listCatalogs(actor: Actor, tenantId: string, query: ListArgs<CatalogFilter>): Promise<Page<CatalogRecord>>;
  getCatalog(actor: Actor, tenantId: string, id: string): Promise<CatalogRecord>;
  createCatalog(call: Call, input: CatalogInput): Promise<CatalogRecord>;
  updateCatalog(call: Call, id: string, changes: Partial<CatalogInput>): Promise<void>;
  deleteCatalog(call: Call, id: string): Promise<void>;
  listResources(actor: Actor, tenantId: string, catalogId: string, query: ListArgs): Promise<Page<ResourceRecord>>;
  listResourceRoles(
    actor: Actor,
    tenantId: string,
    catalogId: string,
    query: ListArgs<RoleFilter>,
  ): Promise<Page<RoleWithResource>>;
  /** A resourceRequest: adminAdd puts a group or an application into a catalog, adminRemove takes it out. */
  requestResource(
    call: Call,
    request: {
      requestType: "adminAdd" | "adminRemove";
      catalogId: string;
      originSystem: "AadGroup" | "AadApplication";
      originId: string;
    },
  ): Promise<ResourceRecord>;
  listPackages(actor: Actor, tenantId: string, query: ListArgs<PackageFilter>): Promise<Page<AccessPackageRecord>>;
  getPackage(actor: Actor, tenantId: string, id: string): Promise<AccessPackageRecord>;
  createPackage(call: Call, catalogId: string, input: AccessPackageInput): Promise<AccessPackageRecord>;
  updatePackage(call: Call, id: string, changes: Partial<AccessPackageInput>): Promise<void>;
  deletePackage(call: Call, id: string): Promise<void>;
  listRoleScopes(actor: Actor, tenantId: string, accessPackageId: string): Promise<RoleScopeRecord[]>;
  /** Grants a catalog resource role through the package; the role must be in the package's catalog. */
  addRoleScope(
    call: Call,
    accessPackageId: string,
    roleRef: { roleId?: string; originId?: string; resourceOriginId?: string },
  ): Promise<RoleScopeRecord>;
  removeRoleScope(call: Call, accessPackageId: string, id: string): Promise<void>;
}

/**
 * Catalogs, their resources and access packages (docs/ARCHITECTURE.md, "Access packages"): may
 * this actor? → does every id exist in this tenant (another tenant's is not found)? → the
 * invariant → the write and its audit event in one transaction.
 */
export function catalogVerbs(store: EntitlementStore): CatalogVerbs {
  const write = async <T>(call: Call, work: (unit: EntitlementUnit) => Promise<T>): Promise<T> => {
    authorize(call.actor, true);
    return store.transaction(work);
  };
  return {
    async listCatalogs(actor, tenantId, query) {
      authorize(actor, false);
      return page(await store.listCatalogs(tenantId, listArgs(query)), query.top, query.before);
    },
    async getCatalog(actor, tenantId, id) {
      authorize(actor, false);
      return catalogOf(store, tenantId, id);
    },
    createCatalog(call, input) {
      return write(call, async (unit) => {
        const catalog = await unit.createCatalog(call.tenantId, input);
        await unit.audit.append(event(call, "accessPackageCatalog.created", { type: "catalog", id: catalog.id }));
        return catalog;
      });
    },
    updateCatalog(call, id, changes) {
      return write(call, async (unit) => {
        await catalogOf(unit, call.tenantId, id);
        const properties = given(changes);
        await unit.updateCatalog(id, properties);
        await unit.audit.append(
          event(call, "accessPackageCatalog.updated", { type: "catalog", id }, { properties: Object.keys(properties) }),
        );
      });
    },
    deleteCatalog(call, id) {
      return write(call, async (unit) => {
        await catalogOf(unit, call.tenantId, id);
        // Graph refuses to delete a catalog that still holds access packages.
        if ((await unit.countPackagesInCatalog(call.tenantId, id)) > 0)
          throw new EntitlementError("conflict", "The catalog still has access packages; delete them first.", "accessPackages");
        await unit.deleteCatalog(id);
        await unit.audit.append(event(call, "accessPackageCatalog.deleted", { type: "catalog", id }));
      });
    },
    async listResources(actor, tenantId, catalogId, query) {
      authorize(actor, false);
      await catalogOf(store, tenantId, catalogId);
      return page(await store.listResources(tenantId, catalogId, listArgs(query)), query.top);
    },
    async listResourceRoles(actor, tenantId, catalogId, query) {
      authorize(actor, false);
      await catalogOf(store, tenantId, catalogId);
      return page(await store.listResourceRoles(tenantId, catalogId, listArgs(query)), query.top);
    },
    requestResource(call, request) {
      return write(call, async (unit) => {
        await catalogOf(unit, call.tenantId, request.catalogId);
        const present = await unit.findResource(call.tenantId, request.catalogId, request.originSystem, request.originId);
        if (request.requestType === "adminRemove") {
          if (!present) throw notFound(request.originId);
          if ((await unit.countScopesOfResource(present.id)) > 0)
            throw new EntitlementError(
              "conflict",
              "The resource is still in an access package; remove its role scopes first.",
              "resource",
            );
          await unit.removeResource(present.id);
          await unit.audit.append(
            event(
              call,
              "accessPackageCatalog.resourceRemoved",
              { type: "catalog", id: request.catalogId },
              {
                originSystem: request.originSystem,
                originId: request.originId,
              },
            ),
          );
          return present;
        }
        if (present) throw new EntitlementError("conflict", "The resource is already in the catalog.", "resource");
        const source = await unit.findDirectoryResource(call.tenantId, request.originSystem, request.originId);
        if (!source) throw notFound(request.originId);
        const added = await unit
          .addResource(call.tenantId, request.catalogId, request.originSystem, source)
          .catch((error: unknown) => {
            throw error instanceof UniqueConflict
              ? new EntitlementError("conflict", "The resource is already in the catalog.", "resource")
              : error;
          });
        await unit.audit.append(
          event(
            call,
            "accessPackageCatalog.resourceAdded",
            { type: "catalog", id: request.catalogId },
            {
              originSystem: request.originSystem,
              originId: request.originId,
              roles: added.roles.length,
            },
          ),
        );
        return added;
      });
    },
    async listPackages(actor, tenantId, query) {
      authorize(actor, false);
      return page(await store.listPackages(tenantId, listArgs(query)), query.top, query.before);
    },
    async getPackage(actor, tenantId, id) {
      authorize(actor, false);
      return packageOf(store, tenantId, id);
    },
    createPackage(call, catalogId, input) {
      return write(call, async (unit) => {
        await existing(unit.findCatalog(call.tenantId, catalogId), catalogId).catch(() => {
          // The catalog is named in the body: a 400 naming the property, as Graph answers a bad reference.
          throw invalid("catalog", `The catalog '${catalogId}' does not exist.`);
        });
        const created = await unit.createPackage(call.tenantId, catalogId, input);
        await unit.audit.append(event(call, "accessPackage.created", { type: "accessPackage", id: created.id }, { catalogId }));
        return created;
      });
    },
    updatePackage(call, id, changes) {
      return write(call, async (unit) => {
        await packageOf(unit, call.tenantId, id);
        const properties = given(changes);
        await unit.updatePackage(id, properties);
        await unit.audit.append(
          event(call, "accessPackage.updated", { type: "accessPackage", id }, { properties: Object.keys(properties) }),
        );
      });
    },
    deletePackage(call, id) {
      return write(call, async (unit) => {
        await packageOf(unit, call.tenantId, id);
        // Graph refuses while someone holds it (or a request may still make them hold it); ended
        // assignments and decided requests go with the package.
        if ((await unit.countActive({ accessPackageId: id })) > 0)
          throw new EntitlementError(
            "conflict",
            "The access package still has active assignments or requests in progress; remove them first.",
            "assignments",
          );
        await unit.deletePackage(id);
        await unit.audit.append(event(call, "accessPackage.deleted", { type: "accessPackage", id }));
      });
    },
    async listRoleScopes(actor, tenantId, accessPackageId) {
      authorize(actor, false);
      await packageOf(store, tenantId, accessPackageId);
      return store.listRoleScopes(tenantId, accessPackageId);
    },
    addRoleScope(call, accessPackageId, ref) {
      return write(call, async (unit) => {
        const accessPackage = await packageOf(unit, call.tenantId, accessPackageId);
        const role = await roleIn(unit, call.tenantId, accessPackage.catalogId, ref);
        const scopes = await unit.listRoleScopes(call.tenantId, accessPackageId);
        if (scopes.some((scope) => scope.role.id === role.id))
          throw new EntitlementError("conflict", "The access package already grants this role.", "role");
        const id = await unit.addRoleScope(call.tenantId, accessPackageId, role.id);
        await unit.audit.append(
          event(
            call,
            "accessPackage.resourceRoleScopeAdded",
            { type: "accessPackage", id: accessPackageId },
            {
              roleId: role.id,
              originSystem: role.resource.originSystem,
            },
          ),
        );
        return (await unit.listRoleScopes(call.tenantId, accessPackageId)).find((scope) => scope.id === id)!;
      });
    },
    removeRoleScope(call, accessPackageId, id) {
      return write(call, async (unit) => {
        await packageOf(unit, call.tenantId, accessPackageId);
        if (!(await unit.removeRoleScope(accessPackageId, id))) throw notFound(id);
        await unit.audit.append(
          event(call, "accessPackage.resourceRoleScopeRemoved", { type: "accessPackage", id: accessPackageId }, { scopeId: id }),
        );
      });
    },
  };
}

/**
 * The catalog role a scope names: by its id, or (as Microsoft's samples write it) by the role's
 * originId and its resource's originId; it must belong to the package's own catalog.
 */
async function roleIn(
  unit: EntitlementUnit,
  tenantId: string,
  catalogId: string,
  ref: { roleId?: string; originId?: string; resourceOriginId?: string },
): Promise<RoleWithResource> {
  if (ref.roleId) {
    const role = await unit.findResourceRole(tenantId, ref.roleId);
    if (role && role.resource.catalogId === catalogId) return role;
    throw invalid("role", `The resource role '${ref.roleId}' is not in the access package's catalog.`);
  }
  if (!ref.originId) throw invalid("role", "role.id or role.originId is required.");
  const roles = await unit.listResourceRoles(tenantId, catalogId, {
    filters: [{ property: "originId", value: ref.originId }],
    take: 50,
  });
  const role = roles.find((r) => !ref.resourceOriginId || r.resource.originId === ref.resourceOriginId);
  if (!role) throw invalid("role", `The resource role '${ref.originId}' is not in the access package's catalog.`);
  return role;
}
