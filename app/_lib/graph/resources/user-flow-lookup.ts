import type { GraphRequest } from "../context";
import { callUserFlows } from "./user-flow-errors";
import { flowNameOf } from "./user-flow-mapping";

/** The tenant and stored flow name a `b2xUserFlows/{id}` path names. */
export const flowContext = (request: GraphRequest) => ({ tenantId: request.tenant.slug, name: flowNameOf(request.params.id!) });

export function getFlow(request: GraphRequest) {
  const { tenantId, name } = flowContext(request);
  return callUserFlows(request.params.id!, () => request.services.userFlows.getFlow(request.actor, tenantId, name));
}

export const tenantConfiguration = (request: GraphRequest) =>
  callUserFlows(request.params.id ?? "", () =>
    request.services.userFlows.tenantConfiguration(request.actor, request.tenant.slug),
  );

export const providersOf = async (request: GraphRequest) => (await tenantConfiguration(request)).identityProviders;

/** `correlationId` of the audit events a request writes: its `request-id` (contract §0.8). */
export const auditOptions = (request: GraphRequest) => ({ correlationId: request.requestId });
