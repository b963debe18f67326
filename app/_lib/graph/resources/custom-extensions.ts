import { z } from "zod";
import {
  CustomExtensionError,
  EXTENSION_EVENTS,
  FLOW_EXTENSION_EVENTS,
  type CustomExtensionInput,
  type CustomExtensionRow,
  type ExtensionEvent,
  type FlowExtensionEvent,
} from "../../journeys";
import { authenticationEventsClientId } from "../../oidc";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { objectId, referencedId } from "../references";
import { entity, noContent } from "../results";
import { callUserFlows } from "./user-flow-errors";
import { auditOptions, flowContext, getFlow } from "./user-flow-lookup";
import { pagedCollection } from "./user-flow-paging";

/*
 * identity/customAuthenticationExtensions (contract §6.3): Entra's derived types, one per event,
 * named by `@odata.type`; token issuance is attached to applications by
 * identity/authenticationEventListeners, the other events to a user flow through
 * `guestgateCustomAuthenticationExtensions` (§8 registry), set per event with PUT …/$ref.
 */
const ENTITY_SET = "identity/customAuthenticationExtensions";
const LISTENERS = "identity/authenticationEventListeners";

const TYPE_OF: Record<ExtensionEvent, string> = {
  onAttributeCollectionStart: "#microsoft.graph.onAttributeCollectionStartCustomExtension",
  onAttributeCollectionSubmit: "#microsoft.graph.onAttributeCollectionSubmitCustomExtension",
  onOtpSend: "#microsoft.graph.onOtpSendCustomExtension",
  onTokenIssuanceStart: "#microsoft.graph.onTokenIssuanceStartCustomExtension",
};
const FALLBACK = "#microsoft.graph.fallbackToMicrosoftProviderOnError";
const normal = (type: string) => type.replace(/^#/, "").toLowerCase();
const eventOfType = (type: string): ExtensionEvent | undefined =>
  EXTENSION_EVENTS.find((event) => normal(TYPE_OF[event]) === normal(type));

export function graphExtension(row: CustomExtensionRow): Record<string, unknown> {
  return {
    "@odata.type": TYPE_OF[row.eventType],
    id: row.id,
    displayName: row.displayName,
    description: row.description || null,
    endpointConfiguration: { "@odata.type": "#microsoft.graph.httpRequestEndpoint", targetUrl: row.targetUrl },
    authenticationConfiguration: { "@odata.type": "#microsoft.graph.azureAdTokenAuthentication", resourceId: row.resourceId },
    clientConfiguration: { timeoutInMilliseconds: row.timeoutMs, maximumRetries: row.maxRetries },
    // Entra's one error behaviour is the OTP fallback; Guestgate's block/continue is the addition.
    behaviorOnError: row.eventType === "onOtpSend" && row.onFailure === "continue" ? { "@odata.type": FALLBACK } : null,
    guestgateBehaviorOnError: row.onFailure,
    ...(row.eventType === "onTokenIssuanceStart"
      ? { claimsForTokenConfiguration: row.tokenClaims.map((claimIdInApiResponse) => ({ claimIdInApiResponse })) }
      : {}),
  };
}

const fields = {
  "@odata.type": z.string().max(120),
  displayName: z.string().max(100),
  description: z.string().max(1024).nullable(),
  endpointConfiguration: z.looseObject({ "@odata.type": z.string().max(100).optional(), targetUrl: z.string().max(2048) }),
  authenticationConfiguration: z.looseObject({
    "@odata.type": z.string().max(100).optional(),
    resourceId: z.string().max(2048),
  }),
  clientConfiguration: z.strictObject({
    timeoutInMilliseconds: z.number().int().optional(),
    maximumRetries: z.number().int().optional(),
  }),
  behaviorOnError: z.looseObject({ "@odata.type": z.string().max(120) }).nullable(),
  guestgateBehaviorOnError: z.enum(["block", "continue"]),
  claimsForTokenConfiguration: z.array(z.strictObject({ claimIdInApiResponse: z.string().max(100) })).max(50),
};
const createBody = z.strictObject(fields).partial().required({ "@odata.type": true });
const patchBody = z.strictObject(fields).partial();

function inputOf(body: z.infer<typeof patchBody>): CustomExtensionInput {
  const eventType = body["@odata.type"] !== undefined ? eventOfType(body["@odata.type"]) : undefined;
  if (body["@odata.type"] !== undefined && !eventType)
    throw graphErrors.badRequest(
      `'${body["@odata.type"]}' is not a custom authentication extension type: ${Object.values(TYPE_OF).join(", ")}.`,
    );
  const behavior = body.behaviorOnError?.["@odata.type"];
  if (behavior !== undefined && normal(behavior) !== normal(FALLBACK))
    throw graphErrors.badRequest(`behaviorOnError: only ${FALLBACK} is supported.`);
  const onFailure = body.guestgateBehaviorOnError ?? (behavior ? "continue" : undefined);
  const client = body.clientConfiguration;
  return {
    ...(eventType ? { eventType } : {}),
    ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
    ...(body.description !== undefined ? { description: body.description ?? "" } : {}),
    ...(body.endpointConfiguration ? { targetUrl: body.endpointConfiguration.targetUrl } : {}),
    ...(body.authenticationConfiguration ? { resourceId: body.authenticationConfiguration.resourceId } : {}),
    ...(client?.timeoutInMilliseconds !== undefined ? { timeoutMs: client.timeoutInMilliseconds } : {}),
    ...(client?.maximumRetries !== undefined ? { maxRetries: client.maximumRetries } : {}),
    ...(onFailure ? { onFailure } : {}),
    ...(body.claimsForTokenConfiguration
      ? { tokenClaims: body.claimsForTokenConfiguration.map((c) => c.claimIdInApiResponse) }
      : {}),
  };
}

/** Runs an extension verb and turns its refusals into Graph's errors (matched by name across bundles). */
async function call<T>(id: string, verb: () => Promise<T>): Promise<T> {
  try {
    return await verb();
  } catch (error) {
    if ((error as Error | undefined)?.name !== "CustomExtensionError") throw error;
    const refused = error as CustomExtensionError;
    if (refused.code === "forbidden") throw graphErrors.denied();
    if (refused.code === "notFound") throw graphErrors.notFound(id);
    throw graphErrors.badRequest(refused.message);
  }
}

const pathId = (request: GraphRequest) => objectId(request.params.id!);

/** onTokenIssuanceStartListener (contract §6.3). */
function graphListener(row: { id: string; extensionId: string; appIds: string[] }): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.onTokenIssuanceStartListener",
    id: row.id,
    conditions: { applications: { includeAllApplications: false, includeApplications: row.appIds.map((appId) => ({ appId })) } },
    handler: {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtensionHandler",
      customExtension: { id: row.extensionId },
    },
  };
}

const listenerFields = {
  "@odata.type": z.string().max(120),
  conditions: z.strictObject({
    applications: z.strictObject({
      includeAllApplications: z.literal(false).optional(),
      includeApplications: z.array(z.looseObject({ appId: z.string().min(1).max(255) })).max(100),
    }),
  }),
  handler: z.looseObject({
    "@odata.type": z.string().max(120).optional(),
    customExtension: z.looseObject({ id: z.string().max(64) }),
  }),
};
const listenerCreate = z.strictObject(listenerFields).partial({ conditions: true });
const listenerPatch = z.strictObject(listenerFields).partial();

function listenerInput(body: z.infer<typeof listenerPatch>) {
  if (body["@odata.type"] !== undefined && normal(body["@odata.type"]) !== "microsoft.graph.ontokenissuancestartlistener")
    throw graphErrors.badRequest("Only #microsoft.graph.onTokenIssuanceStartListener is supported.");
  return {
    ...(body.handler ? { extensionId: objectId(body.handler.customExtension.id) } : {}),
    ...(body.conditions ? { appIds: body.conditions.applications.includeApplications.map((a) => a.appId) } : {}),
  };
}

function eventOf(request: GraphRequest): FlowExtensionEvent {
  const event = FLOW_EXTENSION_EVENTS.find((e) => e.toLowerCase() === request.params.event!.toLowerCase());
  if (!event)
    throw graphErrors.badRequest(`'${request.params.event}' is not a user-flow event: ${FLOW_EXTENSION_EVENTS.join(", ")}.`);
  return event;
}
const refBody = z.union([z.strictObject({ "@odata.id": z.string().min(1).max(2048) }), z.strictObject({})]);

/** A flow's extensions as `guestgateCustomAuthenticationExtensions` (§8 registry): `{ event: { id } }`. */
export function graphFlowExtensions(attached: Record<string, string> | undefined): Record<string, { id: string }> {
  return Object.fromEntries(Object.entries(attached ?? {}).map(([event, id]) => [event, { id }]));
}

export const CUSTOM_EXTENSION_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: ENTITY_SET,
    access: ACCESS.customExtensionsRead,
    summary: "The tenant's custom authentication extensions.",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const list = await call("", () => request.services.customExtensions.list(request.actor, request.tenant.slug));
      return pagedCollection(request, ENTITY_SET, list.map(graphExtension));
    },
  },
  {
    method: "POST",
    path: ENTITY_SET,
    access: ACCESS.customExtensionsWrite,
    summary: "Register a custom authentication extension; `@odata.type` names its event.",
    body: createBody,
    async handle(request) {
      const body = request.body as z.infer<typeof createBody>;
      const created = await call("", () =>
        request.services.customExtensions.create(request.actor, request.tenant.slug, inputOf(body), auditOptions(request)),
      );
      return entity(request, ENTITY_SET, graphExtension(created), { status: 201 });
    },
  },
  {
    method: "GET",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.customExtensionsRead,
    summary: "One custom authentication extension.",
    async handle(request) {
      const id = pathId(request);
      const row = await call(id, () => request.services.customExtensions.get(request.actor, request.tenant.slug, id));
      return entity(request, ENTITY_SET, graphExtension(row));
    },
  },
  {
    method: "PATCH",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.customExtensionsWrite,
    summary: "Change a custom authentication extension (its @odata.type cannot change).",
    body: patchBody,
    async handle(request) {
      const id = pathId(request);
      const body = request.body as z.infer<typeof patchBody>;
      await call(id, () =>
        request.services.customExtensions.update(request.actor, request.tenant.slug, id, inputOf(body), auditOptions(request)),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.customExtensionsWrite,
    summary: "Remove a custom authentication extension (refused while a listener uses it).",
    async handle(request) {
      const id = pathId(request);
      await call(id, () =>
        request.services.customExtensions.remove(request.actor, request.tenant.slug, id, auditOptions(request)),
      );
      return noContent();
    },
  },
  {
    method: "POST",
    path: `${ENTITY_SET}/{id}/validateAuthenticationConfiguration`,
    access: ACCESS.customExtensionsRead,
    summary: "Check the extension's authentication: the token's audience and issuer it will be sent (shape unverified in Entra).",
    async handle(request) {
      const id = pathId(request);
      const row = await call(id, () => request.services.customExtensions.get(request.actor, request.tenant.slug, id));
      const match = /^api:\/\/([^/]+)\/([^/]+)$/.exec(row.resourceId);
      const errors =
        match && match[1]!.toLowerCase() === new URL(row.targetUrl).hostname.toLowerCase()
          ? []
          : [{ code: "InvalidResourceId", message: "resourceId must be api://{host of targetUrl}/{appId}." }];
      return entity(request, `${ENTITY_SET}/validateAuthenticationConfiguration`, {
        resourceId: row.resourceId,
        errors,
        warnings: [],
        // What the extension's token will carry, for configuring a receiver (instance annotations, §8 rule 2).
        "@guestgate.audience": match?.[2] ?? row.resourceId,
        "@guestgate.authorizedParty": authenticationEventsClientId(request.tenant.id),
        // The service root is `{base}/{tenant}/graph/v1.0`; the tenant's issuer is `{base}/{tenant}/v2.0`.
        "@guestgate.issuer": request.serviceRoot.replace(/\/graph\/v1\.0$/, "/v2.0"),
      });
    },
  },
  {
    method: "GET",
    path: LISTENERS,
    access: ACCESS.eventListenersRead,
    summary: "The tenant's authentication event listeners (token issuance, per application).",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const list = await call("", () => request.services.customExtensions.listeners.list(request.actor, request.tenant.slug));
      return pagedCollection(request, LISTENERS, list.map(graphListener));
    },
  },
  {
    method: "POST",
    path: LISTENERS,
    access: ACCESS.eventListenersWrite,
    summary: "Attach an onTokenIssuanceStart extension to applications.",
    body: listenerCreate,
    async handle(request) {
      const body = request.body as z.infer<typeof listenerCreate>;
      const created = await call("", () =>
        request.services.customExtensions.listeners.create(
          request.actor,
          request.tenant.slug,
          listenerInput(body),
          auditOptions(request),
        ),
      );
      return entity(request, LISTENERS, graphListener(created), { status: 201 });
    },
  },
  {
    method: "GET",
    path: `${LISTENERS}/{id}`,
    access: ACCESS.eventListenersRead,
    summary: "One authentication event listener.",
    async handle(request) {
      const id = pathId(request);
      const row = await call(id, () => request.services.customExtensions.listeners.get(request.actor, request.tenant.slug, id));
      return entity(request, LISTENERS, graphListener(row));
    },
  },
  {
    method: "PATCH",
    path: `${LISTENERS}/{id}`,
    access: ACCESS.eventListenersWrite,
    summary: "Change a listener's applications or extension.",
    body: listenerPatch,
    async handle(request) {
      const id = pathId(request);
      const body = request.body as z.infer<typeof listenerPatch>;
      await call(id, () =>
        request.services.customExtensions.listeners.update(
          request.actor,
          request.tenant.slug,
          id,
          listenerInput(body),
          auditOptions(request),
        ),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: `${LISTENERS}/{id}`,
    access: ACCESS.eventListenersWrite,
    summary: "Remove an authentication event listener.",
    async handle(request) {
      const id = pathId(request);
      await call(id, () =>
        request.services.customExtensions.listeners.remove(request.actor, request.tenant.slug, id, auditOptions(request)),
      );
      return noContent();
    },
  },
  {
    method: "PUT",
    path: "identity/b2xUserFlows/{id}/guestgateCustomAuthenticationExtensions/{event}/$ref",
    access: ACCESS.userFlowsWrite,
    summary: "Attach a custom authentication extension to a user flow at this event ({} detaches it).",
    body: refBody,
    async handle(request) {
      const event = eventOf(request);
      const body = request.body as { "@odata.id"?: string };
      const id = body["@odata.id"] ? referencedId(body["@odata.id"], ["customAuthenticationExtensions"]) : null;
      // Only this tenant's extensions of this event: another tenant's id reads as one that does not exist.
      if (id && !(await request.services.customExtensions.exists(request.tenant.slug, id))) throw graphErrors.notFound(id);
      if (id && !(await request.services.customExtensions.exists(request.tenant.slug, id, event)))
        throw graphErrors.badRequest(`customAuthenticationExtension '${id}' is not an ${event} extension.`);
      await getFlow(request);
      const { tenantId, name } = flowContext(request);
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.setCustomExtension(request.actor, tenantId, name, event, id, auditOptions(request)),
      );
      return noContent();
    },
  },
];
