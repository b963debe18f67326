import { USER_SCOPES } from "../constants";
import { OAuthError } from "../errors";
import { splitScope } from "../tokens/claims";
import type { AuthorizeContext } from "./context";

/**
 * openid is required (this is an OpenID provider); unknown scopes are refused (RFC 6749 §4.1.2.1
 * invalid_scope). offline_access is kept only for a client allowed to refresh (OIDC Core §11).
 */
export function checkScope(ctx: AuthorizeContext): void {
  const requested = splitScope(ctx.params.get("scope"));
  if (!requested.includes("openid")) throw new OAuthError("invalid_scope", "the openid scope is required");
  const unknown = requested.filter((s) => !(USER_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new OAuthError("invalid_scope", `unknown scope: ${unknown.join(" ").slice(0, 100)}`);
  const granted = [...new Set(requested)].filter(
    (s) => s !== "offline_access" || ctx.client!.grantTypes.includes("refresh_token"),
  );
  ctx.authorization.scope = granted;
}
