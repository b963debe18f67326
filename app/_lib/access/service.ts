import { approvalDetailVerbs, type ApprovalDetailVerbs } from "./approval-details";
import { approvalVerbs, type ApprovalVerbs } from "./approvals";
import { catalogVerbs, type CatalogVerbs } from "./catalogs";
import type { Clock, EntitlementPorts } from "./common";
import { createNotifier } from "./notifications";
import { lifecycleStepVerbs, type LifecycleStepVerbs } from "./lifecycle-steps";
import { organizationVerbs, type OrganizationVerbs } from "./organizations";
import { policyVerbs, type PolicyVerbs } from "./policies";
import type { EntitlementStore } from "./records";
import { updateVerbs, type UpdateVerbs } from "./updates";
import { requestVerbs, type RequestVerbs } from "./requests";
import { selfServiceVerbs, type SelfServiceVerbs } from "./self-service";

/** Entitlement management (contract §7): catalogs, resources, packages, policies, organisations, requests, approvals. */
export interface EntitlementService
  extends
    CatalogVerbs,
    PolicyVerbs,
    OrganizationVerbs,
    RequestVerbs,
    SelfServiceVerbs,
    ApprovalVerbs,
    ApprovalDetailVerbs,
    LifecycleStepVerbs,
    UpdateVerbs {}

export function createEntitlementService(
  store: EntitlementStore,
  clock: Clock = { now: () => new Date() },
  ports: EntitlementPorts = {},
): EntitlementService {
  const approvals = approvalVerbs(store, clock, ports);
  return {
    ...catalogVerbs(store),
    ...policyVerbs(store),
    ...organizationVerbs(store),
    ...requestVerbs(store, clock, ports),
    ...selfServiceVerbs(store, clock, createNotifier(store, ports)),
    ...approvals,
    ...approvalDetailVerbs(store, approvals),
    ...lifecycleStepVerbs(store, clock, ports),
    ...updateVerbs(store, clock, ports),
  };
}
