import type { Tenant, TenantsConfig } from "./schema";

/** Looks tenants up by slug. Slugs in URLs are matched exactly: `/Woodgrove` is not `/woodgrove`. */
export interface TenantDirectory {
  find(slug: string): Tenant | undefined;
  /** By the tenant's GUID (`tenants[].id`: `tid` in tokens, `tenantId` in the management API). */
  findById(id: string): Tenant | undefined;
  list(): readonly Tenant[];
  readonly listOnHome: boolean;
}

export function createTenantDirectory(config: TenantsConfig): TenantDirectory {
  const bySlug = new Map(config.tenants.map((tenant) => [tenant.slug, tenant]));
  const byId = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
  return {
    find: (slug) => bySlug.get(slug),
    findById: (id) => byId.get(id.toLowerCase()),
    list: () => config.tenants,
    listOnHome: config.listTenantsOnHome,
  };
}
