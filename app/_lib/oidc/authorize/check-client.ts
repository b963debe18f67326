import { GUID } from "../crypto";
import { pageError } from "../errors";
import type { AuthorizeContext } from "./context";

/** The client must exist in this tenant; until it does, nothing may be sent anywhere (RFC 6749 §4.1.2.1). */
export async function checkClient(ctx: AuthorizeContext): Promise<void> {
  const problem = ctx.params.problemWith("client_id") ?? ctx.params.problems.find((p) => p.name === undefined);
  if (problem) throw pageError("invalid_request", "invalid_request", problem.problem);
  const clientId = ctx.params.get("client_id");
  if (!clientId) throw pageError("invalid_request", "invalid_request", "client_id is missing");
  const client = GUID.test(clientId) ? await ctx.p.repositories.applications.findByClientId(clientId) : null;
  if (!client || client.tenantId !== ctx.tenant) throw pageError("unknown_client", "invalid_request", "unknown client_id");
  ctx.client = client;
  ctx.authorization.clientId = client.clientId;
}
