import { catalogVerbs, type CatalogVerbs } from "./catalogs";
import { organizationVerbs, type OrganizationVerbs } from "./organizations";
import { policyVerbs, type PolicyVerbs } from "./policies";
import type { EntitlementStore } from "./records";

/** Entitlement management (contract §7): catalogs, resources, access packages, policies, organisations, settings. */
export interface EntitlementService extends CatalogVerbs, PolicyVerbs, OrganizationVerbs {}

export function createEntitlementService(store: EntitlementStore): EntitlementService {
  return { ...catalogVerbs(store), ...policyVerbs(store), ...organizationVerbs(store) };
}
