import type { Tenant, TenantsConfig } from "./schema";

/** Looks tenants up by slug. Slugs in URLs are matched exactly: `/Woodgrove` is not `/woodgrove`. */
export interface TenantDirectory {
  find(slug: string): Tenant | undefined;
  list(): readonly Tenant[];
  readonly listOnHome: boolean;
}

export function createTenantDirectory(config: TenantsConfig): TenantDirectory {
  const bySlug = new Map(config.tenants.map((tenant) => [tenant.slug, tenant]));
  return {
    find: (slug) => bySlug.get(slug),
    list: () => config.tenants,
    listOnHome: config.listTenantsOnHome,
  };
}
