import type { Actor } from "../directory";
import type { ListArgs } from "./catalogs";
import { event, existing, given, listArgs, page, type Call, type Page } from "./common";
import { EntitlementError, invalid, notFound } from "./errors";
import { authorize } from "./permissions";
import type {
  CatalogFilter,
  ConnectedOrganizationInput,
  ConnectedOrganizationRecord,
  EntitlementSettingsRecord,
  EntitlementStore,
  PersonRecord,
  SponsorKind,
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
  /** Graph `connectedOrganizations/{id}/internalSponsors|externalSponsors`: users of the tenant. */
  listOrganizationSponsors(
    actor: Actor,
    tenantId: string,
    id: string,
    kind: SponsorKind,
    query: { after?: string; top: number },
  ): Promise<Page<PersonRecord>>;
  /** One already there is Graph's duplicate-reference refusal (400). */
  addOrganizationSponsor(call: Call, id: string, kind: SponsorKind, guestId: string): Promise<void>;
  removeOrganizationSponsor(call: Call, id: string, kind: SponsorKind, guestId: string): Promise<void>;
  getSettings(actor: Actor, tenantId: string): Promise<EntitlementSettingsRecord>;
  updateSettings(call: Call, changes: Partial<EntitlementSettingsRecord>): Promise<void>;
}

const sponsorEvent = (call: Call, type: string, id: string, kind: SponsorKind, guestId: string) =>
  event(call, type, { type: "connectedOrganization", id }, { kind, sponsor: guestId });

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
    async listOrganizationSponsors(actor, tenantId, id, kind, query) {
      authorize(actor, false);
      await existing(store.findConnectedOrganization(tenantId, id), id);
      return page(await store.listOrganizationSponsors(tenantId, id, kind, query.after, query.top + 1), query.top);
    },
    async addOrganizationSponsor(call, id, kind, guestId) {
      authorize(call.actor, true);
      await store.transaction(async (unit) => {
        await existing(unit.findConnectedOrganization(call.tenantId, id), id);
        // Another tenant's user is not found, as an unknown one is.
        await existing(unit.findPerson(call.tenantId, guestId), guestId);
        if (await unit.isOrganizationSponsor(id, kind, guestId))
          throw invalid(
            `${kind}Sponsors`,
            "One or more added object references already exist for the following modified properties.",
          );
        await unit.addOrganizationSponsor(call.tenantId, id, kind, guestId);
        await unit.audit.append(sponsorEvent(call, "connectedOrganization.sponsorAdded", id, kind, guestId));
      });
    },
    async removeOrganizationSponsor(call, id, kind, guestId) {
      authorize(call.actor, true);
      await store.transaction(async (unit) => {
        await existing(unit.findConnectedOrganization(call.tenantId, id), id);
        if (!(await unit.isOrganizationSponsor(id, kind, guestId))) throw notFound(guestId);
        await unit.removeOrganizationSponsor(id, kind, guestId);
        await unit.audit.append(sponsorEvent(call, "connectedOrganization.sponsorRemoved", id, kind, guestId));
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
