import { catalogVerbs, type CatalogVerbs } from "./catalogs";
import { organizationVerbs, type OrganizationVerbs } from "./organizations";
import { policyVerbs, type PolicyVerbs } from "./policies";
import type { EntitlementStore } from "./records";
import { requestVerbs, type RequestVerbs } from "./requests";

/** Entitlement management (contract §7): catalogs, resources, access packages, policies, organisations, settings. */
export interface EntitlementService extends CatalogVerbs, PolicyVerbs, OrganizationVerbs, RequestVerbs {}

export function createEntitlementService(
  store: EntitlementStore,
  clock: { now(): Date } = { now: () => new Date() },
): EntitlementService {
  return { ...catalogVerbs(store), ...policyVerbs(store), ...organizationVerbs(store), ...requestVerbs(store, clock) };
}
