import { z } from "zod";
import {
  CONNECTED_ORGANIZATION_STATES,
  duration,
  identitySource,
  LIFECYCLE_ACTIONS,
  policyBody,
  type PolicyBody,
  type PolicyRecord,
} from "../../access";
import type { GraphRequest, GraphRoute } from "../context";
import { ACCESS } from "../permissions";
import { entity, noContent } from "../results";
import {
  callOf,
  patchOf,
  EM,
  equalities,
  expansions,
  guidParam,
  listPage,
  organizationJson,
  packageJson,
  policyJson,
  viaAccess,
} from "./entitlement-common";

const POLICY_FILTERS = { "accessPackage/id": "accessPackageId", id: "id" } as const;
const ORGANIZATION_FILTERS = { displayName: "displayName", id: "id", state: "state" } as const;
const policiesPath = `${EM}/assignmentPolicies`;
const organizationsPath = `${EM}/connectedOrganizations`;

const createOrganization = z.strictObject({
  displayName: z.string().min(1).max(256),
  description: z.string().max(1024).nullable().optional(),
  state: z.enum(CONNECTED_ORGANIZATION_STATES).optional(),
  identitySources: z.array(identitySource).min(1).max(20),
});
const updateOrganization = z.strictObject({
  displayName: z.string().min(1).max(256).optional(),
  description: z.string().max(1024).nullable().optional(),
  state: z.enum(CONNECTED_ORGANIZATION_STATES).optional(),
});
const settingsBody = z.strictObject({
  externalUserLifecycleAction: z.enum(LIFECYCLE_ACTIONS).optional(),
  durationUntilExternalUserDeletedAfterBlocked: duration.optional(),
});

const policyResponse = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string(),
  allowedTargetScope: z.string(),
  specificAllowedTargets: z.array(z.unknown()),
  expiration: z.unknown(),
  requestorSettings: z.unknown(),
  requestApprovalSettings: z.unknown(),
  questions: z.array(z.unknown()),
  createdDateTime: z.string(),
  modifiedDateTime: z.string(),
});

async function policyWith(request: GraphRequest, policy: PolicyRecord, wanted: Set<string>) {
  const out: Record<string, unknown> = policyJson(policy);
  if (wanted.has("accessPackage"))
    out.accessPackage = packageJson(
      await request.services.entitlements.getPackage(request.actor, request.tenant.slug, policy.accessPackageId),
    );
  return out;
}

/** Assignment policies (full PUT), connected organizations and the tenant's settings (contract §7.1). */
export const ENTITLEMENT_POLICY_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: policiesPath,
    access: ACCESS.entitlementsRead,
    summary: "List assignment policies",
    response: policyResponse,
    queryOptions: ["filter", "top", "skipToken", "expand"],
    async handle(request) {
      const filters = equalities(request.query.filter, POLICY_FILTERS);
      const wanted = expansions(request, ["accessPackage"]);
      return listPage(
        request,
        { resource: "assignmentPolicies", filters, expand: [...wanted] },
        ({ top, after }) =>
          viaAccess("assignmentPolicies", () =>
            request.services.entitlements.listPolicies(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        policiesPath,
        (policy) => policyWith(request, policy, wanted),
      );
    },
  },
  {
    method: "POST",
    path: policiesPath,
    access: ACCESS.entitlementsWrite,
    summary: "Create an assignment policy: who may request, approval stages, questions, expiration",
    body: policyBody,
    response: policyResponse,
    async handle(request) {
      const created = await viaAccess("assignmentPolicy", () =>
        request.services.entitlements.createPolicy(callOf(request), request.body as PolicyBody),
      );
      return entity(
        request,
        policiesPath,
        { ...policyJson(created), accessPackage: { id: created.accessPackageId } },
        { status: 201 },
      );
    },
  },
  {
    method: "GET",
    path: `${policiesPath}/{id}`,
    access: ACCESS.entitlementsRead,
    summary: "Get an assignment policy ($expand=accessPackage)",
    response: policyResponse,
    queryOptions: ["expand"],
    async handle(request) {
      const id = guidParam(request.params.id!);
      const wanted = expansions(request, ["accessPackage"]);
      const policy = await viaAccess(id, () => request.services.entitlements.getPolicy(request.actor, request.tenant.slug, id));
      return entity(request, policiesPath, await viaAccess(id, () => policyWith(request, policy, wanted)));
    },
  },
  {
    method: "PUT",
    path: `${policiesPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Replace an assignment policy (Graph's update is a full PUT)",
    body: policyBody,
    response: policyResponse,
    async handle(request) {
      const id = guidParam(request.params.id!);
      const replaced = await viaAccess(id, () =>
        request.services.entitlements.replacePolicy(callOf(request), id, request.body as PolicyBody),
      );
      return entity(request, policiesPath, { ...policyJson(replaced), accessPackage: { id: replaced.accessPackageId } });
    },
  },
  {
    method: "DELETE",
    path: `${policiesPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Delete an assignment policy",
    async handle(request) {
      const id = guidParam(request.params.id!);
      await viaAccess(id, () => request.services.entitlements.deletePolicy(callOf(request), id));
      return noContent();
    },
  },
  {
    method: "GET",
    path: organizationsPath,
    access: ACCESS.entitlementsRead,
    summary: "List connected organizations",
    queryOptions: ["filter", "top", "skipToken"],
    async handle(request) {
      const filters = equalities(request.query.filter, ORGANIZATION_FILTERS);
      return listPage(
        request,
        { resource: "connectedOrganizations", filters },
        ({ top, after }) =>
          viaAccess("connectedOrganizations", () =>
            request.services.entitlements.listConnectedOrganizations(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        organizationsPath,
        organizationJson,
      );
    },
  },
  {
    method: "POST",
    path: organizationsPath,
    access: ACCESS.entitlementsWrite,
    summary: "Create a connected organization (domain identity sources)",
    body: createOrganization,
    async handle(request) {
      const body = request.body as z.infer<typeof createOrganization>;
      const created = await viaAccess("connectedOrganization", () =>
        request.services.entitlements.createConnectedOrganization(callOf(request), {
          displayName: body.displayName,
          description: body.description ?? "",
          state: body.state ?? "configured",
          identitySources: body.identitySources.map((source) => ({
            "@odata.type": source["@odata.type"],
            domainName: source.domainName.toLowerCase(),
            displayName: source.displayName ?? source.domainName.toLowerCase(),
          })),
        }),
      );
      return entity(request, organizationsPath, organizationJson(created), { status: 201 });
    },
  },
  {
    method: "GET",
    path: `${organizationsPath}/{id}`,
    access: ACCESS.entitlementsRead,
    summary: "Get a connected organization",
    async handle(request) {
      const id = guidParam(request.params.id!);
      const found = await viaAccess(id, () =>
        request.services.entitlements.getConnectedOrganization(request.actor, request.tenant.slug, id),
      );
      return entity(request, organizationsPath, organizationJson(found));
    },
  },
  {
    method: "PATCH",
    path: `${organizationsPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Update a connected organization (name, description, state)",
    body: updateOrganization,
    async handle(request) {
      const id = guidParam(request.params.id!);
      const body = request.body as z.infer<typeof updateOrganization>;
      await viaAccess(id, () => request.services.entitlements.updateConnectedOrganization(callOf(request), id, patchOf(body)));
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: `${organizationsPath}/{id}`,
    access: ACCESS.entitlementsWrite,
    summary: "Delete a connected organization no policy names",
    async handle(request) {
      const id = guidParam(request.params.id!);
      await viaAccess(id, () => request.services.entitlements.deleteConnectedOrganization(callOf(request), id));
      return noContent();
    },
  },
  {
    method: "GET",
    path: `${EM}/settings`,
    access: ACCESS.entitlementsRead,
    summary: "The tenant's entitlement-management settings",
    async handle(request) {
      const settings = await viaAccess("settings", () =>
        request.services.entitlements.getSettings(request.actor, request.tenant.slug),
      );
      return entity(request, `${EM}/settings`, { id: request.tenant.id, ...settings });
    },
  },
  {
    method: "PATCH",
    path: `${EM}/settings`,
    access: ACCESS.entitlementsWrite,
    summary: "Change what happens to external users who lose their last access package assignment",
    body: settingsBody,
    async handle(request) {
      await viaAccess("settings", () =>
        request.services.entitlements.updateSettings(callOf(request), request.body as z.infer<typeof settingsBody>),
      );
      return noContent();
    },
  },
];
