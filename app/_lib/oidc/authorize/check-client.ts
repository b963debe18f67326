import { GUID } from "../crypto";
import { pageError } from "../errors";
import type { AuthorizeContext, RequestCheckContext } from "./context";

/** The client must exist in this tenant; until it does, nothing may be sent anywhere (RFC 6749 §4.1.2.1). */
export async function checkClient(ctx: AuthorizeContext): Promise<void> {
  const problem = ctx.params.problemWith("client_id") ?? ctx.params.problems.find((p) => p.name === undefined);
  if (problem) throw pageError("invalid_request", "invalid_request", problem.problem);
  const clientId = ctx.params.get("client_id");
  if (!clientId) throw pageError("invalid_request", "invalid_request", "client_id is missing");
  ctx.authorization.clientId = clientId;
  await checkClientRegistered(ctx);
}

/**
 * The request's client_id names a client of this tenant, else our error page. Authorize runs it on
 * the query; resume runs it again on the stored request, because the client may have been deleted
 * while the person was signing in.
 */
export async function checkClientRegistered(ctx: RequestCheckContext): Promise<void> {
  const clientId = ctx.authorization.clientId;
  const client = clientId && GUID.test(clientId) ? await ctx.p.repositories.applications.findByClientId(clientId) : null;
  if (!client || client.tenantId !== ctx.tenant) throw pageError("unknown_client", "invalid_request", "unknown client_id");
  ctx.client = client;
  ctx.authorization.clientId = client.clientId;
}
