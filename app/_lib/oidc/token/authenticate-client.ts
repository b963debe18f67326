import { authenticateClient as verify, parseClientCredentials } from "../clients/client-auth";
import { OAuthError } from "../errors";
import type { TokenContext } from "./context";

/** client_secret_basic, client_secret_post or none (RFC 6749 §2.3; OIDC Core §9). */
export async function authenticateClient(ctx: TokenContext): Promise<void> {
  if (ctx.body.get("client_assertion") !== undefined || ctx.body.get("client_assertion_type") !== undefined) {
    throw new OAuthError("invalid_client", "client assertions are not supported", { status: 401 });
  }
  ctx.credentials = parseClientCredentials(ctx.request.headers, ctx.body, ctx.query);
  ctx.client = await verify(ctx.tenant, ctx.credentials, { applications: ctx.p.repositories.applications, clock: ctx.p.clock });
}
