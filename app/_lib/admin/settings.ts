import type { Actor, AuditEventInput } from "../directory";
import type { Tenant } from "../tenant";

/** What the portal may change of a tenant; the tenants file gives the defaults. */
export interface TenantSettings {
  selfServiceSignUp: boolean;
  passkeyRequired: boolean;
}

/** The portal's stored choices: absent means "as the tenants file says". */
export type StoredTenantSettings = Partial<TenantSettings>;

export interface TenantSettingsStore {
  get(tenantId: string): Promise<StoredTenantSettings>;
  /** Writes the changes and their audit event in one transaction. */
  update(tenantId: string, changes: StoredTenantSettings, audit: AuditEventInput): Promise<void>;
}

export class TenantSettingsError extends Error {
  override readonly name = "TenantSettingsError";
  readonly code = "forbidden";
}

export interface TenantSettingsService {
  /** The settings in force: the stored choice, else the tenants file's. Read on every journey that needs one. */
  effective(tenant: Pick<Tenant, "slug" | "selfServiceSignUp" | "admin">): Promise<TenantSettings>;
  /** Changes settings (Global Administrators, or the system), audited `tenantSettings.updated` with the names changed. */
  update(
    actor: Actor,
    tenant: Pick<Tenant, "slug" | "selfServiceSignUp" | "admin">,
    changes: StoredTenantSettings,
  ): Promise<TenantSettings>;
}

export function createTenantSettingsService(store: TenantSettingsStore): TenantSettingsService {
  const effective: TenantSettingsService["effective"] = async (tenant) => {
    const stored = await store.get(tenant.slug);
    return {
      selfServiceSignUp: stored.selfServiceSignUp ?? tenant.selfServiceSignUp.enabled,
      passkeyRequired: stored.passkeyRequired ?? tenant.admin.passkeyRequired,
    };
  };
  return {
    effective,
    async update(actor, tenant, changes) {
      const allowed = actor.type === "system" || (actor.type === "administrator" && actor.role === "globalAdministrator");
      if (!allowed) throw new TenantSettingsError(`${actor.type} may not change the tenant's settings`);
      const before = await effective(tenant);
      const changed = (Object.keys(changes) as (keyof TenantSettings)[]).filter(
        (key) => changes[key] !== undefined && changes[key] !== before[key],
      );
      if (changed.length === 0) return before;
      const data: Record<string, boolean | string> = {};
      for (const key of changed) data[key] = changes[key]!;
      await store.update(tenant.slug, Object.fromEntries(changed.map((key) => [key, changes[key]])), {
        tenantId: tenant.slug,
        type: "tenantSettings.updated",
        actor,
        target: { type: "tenant", id: tenant.slug },
        data,
      });
      return { ...before, ...data } as TenantSettings;
    },
  };
}
