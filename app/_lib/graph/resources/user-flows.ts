import { z } from "zod";
import type { EditedUserFlow, FlowDefinition } from "../../journeys";
import type { GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { referenceBody } from "../references";
import { collection, entity, noContent } from "../results";
import { callUserFlows } from "./user-flow-errors";
import { pagedCollection } from "./user-flow-paging";
import { auditOptions, flowContext, getFlow, providersOf } from "./user-flow-lookup";
import { flowNameOf, graphFlowId, graphProvider, tenantProviderId } from "./user-flow-mapping";
import { USER_FLOW_ASSIGNMENT_ROUTES } from "./user-flow-assignments";
import { USER_FLOW_LANGUAGE_ROUTES } from "./user-flow-languages";
import { graphFlowExtensions } from "./custom-extensions";

/**
 * Guestgate's approval queue of a flow (docs/GRAPH.md, "Sign-up approvals"): the user-flows file's
 * `signUpApproval`, checked with the whole flow by the same schema; null turns the queue off.
 */
const signUpApprovalBody = z
  .strictObject({
    autoApproveDomains: z.array(z.string().min(1).max(253)).max(1000).optional(),
    // true: every configured connected organisation; a list: these ones (ids); false: none.
    autoApproveConnectedOrganizations: z.union([z.boolean(), z.array(z.string().min(1).max(64)).max(100)]).optional(),
    autoDenyAfterDays: z.number().int().min(1).max(365).optional(),
    approverGroupId: z.string().min(1).max(64).optional(),
  })
  .nullable();

/** A stored flow as Graph's b2xIdentityUserFlow (contract §4.2) plus `guestgateApplications` and `guestgateSignUpApproval` (§8). */
export function graphUserFlow(flow: EditedUserFlow): Record<string, unknown> {
  return {
    id: graphFlowId(flow.name),
    userFlowType: "signUpOrSignIn",
    userFlowTypeVersion: 1,
    // API connectors are not attached through Guestgate yet, so the configuration reads as empty.
    apiConnectorConfiguration: {},
    guestgateApplications: flow.applications,
    guestgateCustomAuthenticationExtensions: graphFlowExtensions(
      flow.definition.customAuthenticationExtensions as Record<string, string> | undefined,
    ),
    guestgateSignUpApproval: (flow.definition as FlowDefinition).signUpApproval ?? null,
  };
}

const createBody = z.strictObject({
  id: z.string().trim().min(1).max(70),
  userFlowType: z.literal("signUpOrSignIn").optional(),
  userFlowTypeVersion: z.literal(1).optional(),
  identityProviders: z
    .array(z.strictObject({ id: z.string().min(1).max(100) }))
    .max(20)
    .optional(),
  apiConnectorConfiguration: z.record(z.string(), z.unknown()).optional(),
  guestgateApplications: z.array(z.string().min(1).max(255)).max(100).optional(),
  guestgateSignUpApproval: signUpApprovalBody.optional(),
});

const updateBody = createBody.partial();

/** Graph ids of identity providers → the tenant's provider ids, or 400 naming one it does not have. */
function tenantProviderIds(ids: readonly { id: string }[], providers: Awaited<ReturnType<typeof providersOf>>): string[] {
  return ids.map(({ id }) => {
    const tenantId = tenantProviderId(id, providers);
    if (!tenantId) throw graphErrors.badRequest(`'${id}' is not an identity provider of this tenant.`);
    return tenantId;
  });
}

export const USER_FLOW_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "identity/b2xUserFlows",
    access: ACCESS.userFlowsRead,
    summary: "List the tenant's user flows, by id.",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const flows = await callUserFlows("", () => request.services.userFlows.list(request.actor, request.tenant.slug));
      return pagedCollection(
        request,
        "identity/b2xUserFlows",
        flows.map((f) => graphUserFlow({ ...f, definition: f.definition as FlowDefinition })),
      );
    },
  },
  {
    method: "POST",
    path: "identity/b2xUserFlows",
    access: ACCESS.userFlowsWrite,
    summary: "Create a user flow; `id` becomes B2X_1_<name> (contract §4.2).",
    body: createBody,
    async handle(request) {
      const body = request.body as z.infer<typeof createBody>;
      if (Object.keys(body.apiConnectorConfiguration ?? {}).length)
        throw graphErrors.notImplemented("Attaching API connectors to a user flow");
      const name = flowNameOf(body.id);
      const providers = await providersOf(request);
      // Without identityProviders the flow offers every provider of the tenant: a flow needs one.
      const identityProviders = body.identityProviders
        ? tenantProviderIds(body.identityProviders, providers)
        : providers.map((p) => p.id);
      const definition: FlowDefinition = {
        name,
        displayName: body.id.replace(/^B2X_1_/i, ""),
        identityProviders,
        attributes: [],
        ...(body.guestgateApplications ? { applications: body.guestgateApplications } : {}),
        ...(body.guestgateSignUpApproval ? { signUpApproval: body.guestgateSignUpApproval } : {}),
      };
      const flow = await callUserFlows(body.id, () =>
        request.services.userFlows.createFlow(request.actor, request.tenant.slug, definition, {
          correlationId: request.requestId,
        }),
      );
      const id = graphFlowId(flow.name);
      return entity(request, "identity/b2xUserFlows", graphUserFlow(flow), {
        status: 201,
        location: `${request.serviceRoot}/identity/b2xUserFlows/${id}`,
      });
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}",
    access: ACCESS.userFlowsRead,
    summary: "Read a user flow.",
    async handle(request) {
      return entity(request, "identity/b2xUserFlows", graphUserFlow(await getFlow(request)));
    },
  },
  {
    method: "PATCH",
    path: "identity/b2xUserFlows/{id}",
    access: ACCESS.userFlowsWrite,
    summary:
      "Update a user flow: the identity providers it offers, guestgateApplications and guestgateSignUpApproval; `id`, `userFlowType` and `userFlowTypeVersion` cannot change.",
    body: updateBody,
    async handle(request) {
      const body = request.body as z.infer<typeof updateBody>;
      const { tenantId, name } = flowContext(request);
      // `id` is fixed at creation (contract §4.2): the same id in any case is no change.
      if (body.id !== undefined && flowNameOf(body.id) !== name)
        throw graphErrors.badRequest("Invalid value specified for property 'id': a user flow's id cannot change.");
      if (Object.keys(body.apiConnectorConfiguration ?? {}).length)
        throw graphErrors.notImplemented("Attaching API connectors to a user flow");
      // Read first: an unknown flow is 404 even when the body changes nothing.
      await getFlow(request);
      const changes = {
        ...(body.identityProviders
          ? { identityProviders: tenantProviderIds(body.identityProviders, await providersOf(request)) }
          : {}),
        ...(body.guestgateApplications ? { applications: body.guestgateApplications } : {}),
        ...(body.guestgateSignUpApproval !== undefined ? { signUpApproval: body.guestgateSignUpApproval } : {}),
      };
      if (Object.keys(changes).length)
        await callUserFlows(request.params.id!, () =>
          request.services.userFlows.updateFlow(request.actor, tenantId, name, changes, auditOptions(request)),
        );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "identity/b2xUserFlows/{id}",
    access: ACCESS.userFlowsWrite,
    summary: "Delete a user flow; its applications start no flow any more.",
    async handle(request) {
      const { tenantId, name } = flowContext(request);
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.deleteFlow(request.actor, tenantId, name, { correlationId: request.requestId }),
      );
      return noContent();
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/identityProviders",
    access: ACCESS.userFlowsRead,
    summary: "The identity providers a user flow offers.",
    async handle(request) {
      const flow = await getFlow(request);
      const providers = await providersOf(request);
      const offered = flow.definition.identityProviders ?? [];
      return collection(
        request,
        `identity/b2xUserFlows('${graphFlowId(flow.name)}')/identityProviders`,
        providers.filter((p) => offered.includes(p.id)).map((p) => graphProvider(p, providers)),
      );
    },
  },
  {
    method: "POST",
    path: "identity/b2xUserFlows/{id}/identityProviders/$ref",
    access: ACCESS.userFlowsWrite,
    summary: "Offer one more identity provider in a user flow.",
    body: referenceBody,
    async handle(request) {
      const { tenantId, name } = flowContext(request);
      const odataId = (request.body as z.infer<typeof referenceBody>)["@odata.id"];
      const graphId = decodeURIComponent(/\/identityProviders\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(odataId)?.[1] ?? "");
      if (!graphId) throw graphErrors.badRequest(`Invalid reference '${odataId}': expected …/identityProviders/{id}.`);
      const providerId = tenantProviderId(graphId, await providersOf(request));
      if (!providerId) throw graphErrors.notFound(graphId);
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.addIdentityProvider(request.actor, tenantId, name, providerId, {
          correlationId: request.requestId,
        }),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "identity/b2xUserFlows/{id}/identityProviders/{idpId}/$ref",
    access: ACCESS.userFlowsWrite,
    summary: "Stop offering an identity provider in a user flow.",
    async handle(request) {
      const { tenantId, name } = flowContext(request);
      const providerId = tenantProviderId(request.params.idpId!, await providersOf(request));
      if (!providerId) throw graphErrors.notFound(request.params.idpId!);
      await callUserFlows(request.params.idpId!, () =>
        request.services.userFlows.removeIdentityProvider(request.actor, tenantId, name, providerId, {
          correlationId: request.requestId,
        }),
      );
      return noContent();
    },
  },
  ...USER_FLOW_ASSIGNMENT_ROUTES,
  ...USER_FLOW_LANGUAGE_ROUTES,
];
