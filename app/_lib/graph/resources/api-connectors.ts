import { z } from "zod";
import {
  ApiConnectorError,
  CONNECTOR_STEPS,
  type ApiConnectorInput,
  type ApiConnectorView,
  type ConnectorStep,
} from "../../journeys";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { objectId, referencedId } from "../references";
import { entity, noContent } from "../results";
import { callUserFlows } from "./user-flow-errors";
import { auditOptions, flowContext, getFlow } from "./user-flow-lookup";
import { pagedCollection } from "./user-flow-paging";

/*
 * identity/apiConnectors (contract §6.1): Entra's identityApiConnector. Passwords read back as
 * "******" and a certificate as its certificateList; the timeout, retry and failure mode are
 * Guestgate's additions under `guestgate…` names (§8 rule 4). A flow's apiConnectorConfiguration
 * is set per step with PUT …/$ref ({} detaches), which is a user-flow edit.
 */
const ENTITY_SET = "identity/apiConnectors";

function graphConnector(connector: ApiConnectorView): Record<string, unknown> {
  const authenticationConfiguration =
    connector.authType === "basic"
      ? { "@odata.type": "#microsoft.graph.basicAuthentication", username: connector.username, password: "******" }
      : connector.authType === "certificate"
        ? {
            "@odata.type": "#microsoft.graph.clientCertificateAuthentication",
            certificateList: connector.certificate ? [{ ...connector.certificate, isActive: true }] : [],
          }
        : null;
  return {
    id: connector.id,
    displayName: connector.displayName,
    targetUrl: connector.targetUrl,
    authenticationConfiguration,
    guestgateTimeoutInMilliseconds: connector.timeoutMs,
    guestgateMaximumRetries: connector.maxRetries,
    guestgateBehaviorOnError: connector.onFailure,
  };
}

const authentication = z
  .looseObject({ "@odata.type": z.string().max(100) })
  .transform((value, ctx): ApiConnectorInput["authentication"] => {
    const type = value["@odata.type"].replace(/^#/, "").toLowerCase();
    const text = (key: string) => (typeof value[key] === "string" ? (value[key] as string) : "");
    if (type === "microsoft.graph.basicauthentication")
      return { type: "basic", username: text("username"), password: text("password") };
    if (type === "microsoft.graph.pkcs12certificate")
      return { type: "certificate", pkcs12: text("pkcs12Value"), password: text("password") };
    ctx.addIssue({ code: "custom", message: "Use #microsoft.graph.basicAuthentication or #microsoft.graph.pkcs12Certificate." });
    return z.NEVER;
  });

const fields = {
  displayName: z.string().max(100),
  targetUrl: z.string().max(2048),
  authenticationConfiguration: authentication,
  guestgateTimeoutInMilliseconds: z.number().int(),
  guestgateMaximumRetries: z.number().int(),
  guestgateBehaviorOnError: z.enum(["block", "continue"]),
};
const createBody = z.strictObject({ ...fields, "@odata.type": z.string().optional() }).partial({
  authenticationConfiguration: true,
  guestgateTimeoutInMilliseconds: true,
  guestgateMaximumRetries: true,
  guestgateBehaviorOnError: true,
});
const patchBody = z.strictObject({ ...fields, "@odata.type": z.string().optional() }).partial();
const certificateBody = z.strictObject({
  pkcs12Value: z
    .string()
    .min(1)
    .max(64 * 1024),
  password: z.string().max(256),
});
const refBody = z.union([z.strictObject({ "@odata.id": z.string().min(1).max(2048) }), z.strictObject({})]);

function inputOf(body: z.infer<typeof patchBody>): ApiConnectorInput {
  return {
    ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
    ...(body.targetUrl !== undefined ? { targetUrl: body.targetUrl } : {}),
    ...(body.authenticationConfiguration ? { authentication: body.authenticationConfiguration } : {}),
    ...(body.guestgateTimeoutInMilliseconds !== undefined ? { timeoutMs: body.guestgateTimeoutInMilliseconds } : {}),
    ...(body.guestgateMaximumRetries !== undefined ? { maxRetries: body.guestgateMaximumRetries } : {}),
    ...(body.guestgateBehaviorOnError ? { onFailure: body.guestgateBehaviorOnError } : {}),
  };
}

/** Runs a connector verb and turns its refusals into Graph's errors. */
async function call<T>(id: string, verb: () => Promise<T>): Promise<T> {
  try {
    return await verb();
  } catch (error) {
    if (!(error instanceof ApiConnectorError)) throw error;
    if (error.code === "forbidden") throw graphErrors.denied();
    if (error.code === "notFound") throw graphErrors.notFound(id);
    throw graphErrors.badRequest(error.message);
  }
}

const connectorId = (request: GraphRequest) => objectId(request.params.id!);

function stepOf(request: GraphRequest): ConnectorStep {
  const step = CONNECTOR_STEPS.find((s) => s.toLowerCase() === request.params.step!.toLowerCase());
  if (!step)
    throw graphErrors.badRequest(`'${request.params.step}' is not an API connector step: ${CONNECTOR_STEPS.join(" or ")}.`);
  return step;
}

export const API_CONNECTOR_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: ENTITY_SET,
    access: ACCESS.apiConnectorsRead,
    summary: "The tenant's API connectors.",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const list = await call("", () => request.services.apiConnectors.list(request.actor, request.tenant.slug));
      return pagedCollection(request, ENTITY_SET, list.map(graphConnector));
    },
  },
  {
    method: "POST",
    path: ENTITY_SET,
    access: ACCESS.apiConnectorsWrite,
    summary: "Register an API connector (HTTP Basic or a PKCS#12 client certificate).",
    body: createBody,
    async handle(request) {
      const body = request.body as z.infer<typeof createBody>;
      const created = await call("", () =>
        request.services.apiConnectors.create(request.actor, request.tenant.slug, inputOf(body), auditOptions(request)),
      );
      return entity(request, ENTITY_SET, graphConnector(created), { status: 201 });
    },
  },
  {
    method: "GET",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.apiConnectorsRead,
    summary: "One API connector.",
    async handle(request) {
      const id = connectorId(request);
      return entity(
        request,
        ENTITY_SET,
        graphConnector(await call(id, () => request.services.apiConnectors.get(request.actor, request.tenant.slug, id))),
      );
    },
  },
  {
    method: "PATCH",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.apiConnectorsWrite,
    summary: "Change an API connector; a new authenticationConfiguration replaces the secret.",
    body: patchBody,
    async handle(request) {
      const id = connectorId(request);
      const body = request.body as z.infer<typeof patchBody>;
      await call(id, () =>
        request.services.apiConnectors.update(request.actor, request.tenant.slug, id, inputOf(body), auditOptions(request)),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.apiConnectorsWrite,
    summary: "Remove an API connector (a flow still naming it takes its failure path: block).",
    async handle(request) {
      const id = connectorId(request);
      await call(id, () => request.services.apiConnectors.remove(request.actor, request.tenant.slug, id, auditOptions(request)));
      return noContent();
    },
  },
  {
    method: "POST",
    path: `${ENTITY_SET}/{id}/uploadClientCertificate`,
    access: ACCESS.apiConnectorsWrite,
    summary: "Authenticate with this client certificate (a base64 PKCS#12 bundle and its password).",
    body: certificateBody,
    async handle(request) {
      const id = connectorId(request);
      const { pkcs12Value, password } = request.body as z.infer<typeof certificateBody>;
      const updated = await call(id, () =>
        request.services.apiConnectors.update(
          request.actor,
          request.tenant.slug,
          id,
          { authentication: { type: "certificate", pkcs12: pkcs12Value, password } },
          auditOptions(request),
        ),
      );
      return entity(request, ENTITY_SET, graphConnector(updated));
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/apiConnectorConfiguration/{step}",
    access: ACCESS.userFlowsRead,
    summary: "The API connector a user flow calls at this step (404 when none).",
    async handle(request) {
      const step = stepOf(request);
      const flow = await getFlow(request);
      const attached = (flow.definition.apiConnectors as Record<string, string> | undefined)?.[step];
      if (!attached) throw graphErrors.notFound(step);
      const connector = await call(attached, () =>
        request.services.apiConnectors.get(request.actor, request.tenant.slug, attached),
      );
      return entity(request, ENTITY_SET, graphConnector(connector));
    },
  },
  {
    method: "PUT",
    path: "identity/b2xUserFlows/{id}/apiConnectorConfiguration/{step}/$ref",
    access: ACCESS.userFlowsWrite,
    summary: "Attach an API connector to a user flow at this step ({} detaches it).",
    body: refBody,
    async handle(request) {
      const step = stepOf(request);
      const body = request.body as { "@odata.id"?: string };
      const id = body["@odata.id"] ? referencedId(body["@odata.id"], ["apiConnectors"]) : null;
      // Only this tenant's connectors: another tenant's id reads as one that does not exist.
      if (id && !(await request.services.apiConnectors.exists(request.tenant.slug, id))) throw graphErrors.notFound(id);
      const { tenantId, name } = flowContext(request);
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.setApiConnector(request.actor, tenantId, name, step, id, auditOptions(request)),
      );
      return noContent();
    },
  },
];
