import type { Actor } from "../directory";
import type { ListArgs } from "./catalogs";
import { event, existing, given, listArgs, page, type Call, type Page } from "./common";
import { EntitlementError } from "./errors";
import { authorize } from "./permissions";
import type {
  CatalogFilter,
  ConnectedOrganizationInput,
  ConnectedOrganizationRecord,
  EntitlementSettingsRecord,
  EntitlementStore,
} from "./records";

export interface OrganizationVerbs {
  listConnectedOrganizations(
    actor: Actor,
    tenantId: string,
    query: ListArgs<CatalogFilter>,
  ): Promise<Page<ConnectedOrganizationRecord>>;
  getConnectedOrganization(actor: Actor, tenantId: string, id: string): Promise<ConnectedOrganizationRecord>;
  createConnectedOrganization(call: Call, input: ConnectedOrganizationInput): Promise<ConnectedOrganizationRecord>;
  updateConnectedOrganization(call: Call, id: string, changes: Partial<ConnectedOrganizationInput>): Promise<void>;
  deleteConnectedOrganization(call: Call, id: string): Promise<void>;
  getSettings(actor: Actor, tenantId: string): Promise<EntitlementSettingsRecord>;
  updateSettings(call: Call, changes: Partial<EntitlementSettingsRecord>): Promise<void>;
}

export function organizationVerbs(store: EntitlementStore): OrganizationVerbs {
  return {
    async listConnectedOrganizations(actor, tenantId, query) {
      authorize(actor, false);
      return page(await store.listConnectedOrganizations(tenantId, listArgs(query)), query.top, query.before);
    },
    async getConnectedOrganization(actor, tenantId, id) {
      authorize(actor, false);
      return existing(store.findConnectedOrganization(tenantId, id), id);
    },
    async createConnectedOrganization(call, input) {
      authorize(call.actor, true);
      return store.transaction(async (unit) => {
        const created = await unit.createConnectedOrganization(call.tenantId, input);
        await unit.audit.append(
          event(
            call,
            "connectedOrganization.created",
            { type: "connectedOrganization", id: created.id },
            {
              state: input.state,
              domains: input.identitySources.map((source) => source.domainName),
            },
          ),
        );
        return created;
      });
    },
    async updateConnectedOrganization(call, id, changes) {
      authorize(call.actor, true);
      await store.transaction(async (unit) => {
        await existing(unit.findConnectedOrganization(call.tenantId, id), id);
        const properties = given(changes);
        await unit.updateConnectedOrganization(id, properties);
        await unit.audit.append(
          event(
            call,
            "connectedOrganization.updated",
            { type: "connectedOrganization", id },
            { properties: Object.keys(properties) },
          ),
        );
      });
    },
    async deleteConnectedOrganization(call, id) {
      authorize(call.actor, true);
      await store.transaction(async (unit) => {
        await existing(unit.findConnectedOrganization(call.tenantId, id), id);
        // A policy that names it would silently let nobody in; Graph refuses the same way.
        if ((await unit.countPoliciesNaming(call.tenantId, id)) > 0)
          throw new EntitlementError(
            "conflict",
            "An assignment policy still names this connected organization.",
            "connectedOrganization",
          );
        await unit.deleteConnectedOrganization(id);
        await unit.audit.append(event(call, "connectedOrganization.deleted", { type: "connectedOrganization", id }));
      });
    },
    async getSettings(actor, tenantId) {
      authorize(actor, false);
      return store.settings(tenantId);
    },
    async updateSettings(call, changes) {
      authorize(call.actor, true);
      await store.transaction(async (unit) => {
        const next = { ...(await unit.settings(call.tenantId)), ...given(changes) };
        await unit.saveSettings(call.tenantId, next);
        await unit.audit.append(
          event(
            call,
            "entitlementSettings.updated",
            { type: "settings", id: call.tenantId },
            {
              properties: Object.keys(given(changes)),
              externalUserLifecycleAction: next.externalUserLifecycleAction,
            },
          ),
        );
      });
    },
  };
}
