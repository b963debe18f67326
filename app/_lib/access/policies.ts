import type { Actor } from "../directory";
import type { ListArgs } from "./catalogs";
import { catalogOf, event, existing, page, type Call, type Page } from "./common";
import { EntitlementError, invalid } from "./errors";
import type { PolicyBody } from "./graph-types";
import { authorize } from "./permissions";
import { policySettings } from "./policy-settings";
import type { EntitlementStore, EntitlementUnit, PolicyFilter, PolicyInput, PolicyRecord } from "./records";

export interface PolicyVerbs {
  listPolicies(actor: Actor, tenantId: string, query: ListArgs<PolicyFilter>): Promise<Page<PolicyRecord>>;
  getPolicy(actor: Actor, tenantId: string, id: string): Promise<PolicyRecord>;
  createPolicy(call: Call, body: PolicyBody): Promise<PolicyRecord>;
  /** Graph's full PUT: every setting is replaced by the body's (an omitted one goes back to its default). */
  replacePolicy(call: Call, id: string, body: PolicyBody): Promise<PolicyRecord>;
  deletePolicy(call: Call, id: string): Promise<void>;
}

async function inputOf(unit: EntitlementUnit, tenantId: string, body: PolicyBody): Promise<PolicyInput> {
  const accessPackageId = body.accessPackage.id.toLowerCase();
  const accessPackage = await unit.findPackage(tenantId, accessPackageId);
  if (!accessPackage) throw invalid("accessPackage", `The access package '${body.accessPackage.id}' does not exist.`);
  const catalog = await catalogOf(unit, tenantId, accessPackage.catalogId);
  return {
    accessPackageId,
    displayName: body.displayName,
    description: body.description ?? "",
    allowedTargetScope: body.allowedTargetScope,
    settings: await policySettings(unit, tenantId, body, catalog),
  };
}

const audited = (input: PolicyInput) => ({
  accessPackageId: input.accessPackageId,
  allowedTargetScope: input.allowedTargetScope,
  stages: (input.settings.requestApprovalSettings as { stages: unknown[] }).stages.length,
  questions: input.settings.questions.length,
});

export function policyVerbs(store: EntitlementStore): PolicyVerbs {
  return {
    async listPolicies(actor, tenantId, query) {
      authorize(actor, false);
      const rows = await store.listPolicies(tenantId, {
        filters: query.filters ?? [],
        take: query.top + 1,
        ...(query.after ? { after: query.after } : {}),
      });
      return page(rows, query.top);
    },
    async getPolicy(actor, tenantId, id) {
      authorize(actor, false);
      return existing(store.findPolicy(tenantId, id), id);
    },
    async createPolicy(call, body) {
      authorize(call.actor, true);
      return store.transaction(async (unit) => {
        const input = await inputOf(unit, call.tenantId, body);
        const created = await unit.createPolicy(call.tenantId, input);
        await unit.audit.append(event(call, "accessPackagePolicy.created", { type: "policy", id: created.id }, audited(input)));
        return created;
      });
    },
    async replacePolicy(call, id, body) {
      authorize(call.actor, true);
      return store.transaction(async (unit) => {
        const current = await existing(unit.findPolicy(call.tenantId, id), id);
        const input = await inputOf(unit, call.tenantId, body);
        // A policy stays with its package: Graph moves none between packages.
        if (input.accessPackageId !== current.accessPackageId)
          throw new EntitlementError("invalid", "A policy cannot move to another access package.", "accessPackage");
        await unit.replacePolicy(id, input);
        await unit.audit.append(event(call, "accessPackagePolicy.updated", { type: "policy", id }, audited(input)));
        return (await unit.findPolicy(call.tenantId, id))!;
      });
    },
    async deletePolicy(call, id) {
      authorize(call.actor, true);
      await store.transaction(async (unit) => {
        await existing(unit.findPolicy(call.tenantId, id), id);
        if ((await unit.countActive({ policyId: id })) > 0)
          throw new EntitlementError(
            "conflict",
            "Assignments or requests in progress still depend on this policy; remove them first.",
            "assignments",
          );
        await unit.deletePolicy(id);
        await unit.audit.append(event(call, "accessPackagePolicy.deleted", { type: "policy", id }));
      });
    },
  };
}
