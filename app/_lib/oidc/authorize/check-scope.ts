import { USER_SCOPES } from "../constants";
import { OAuthError } from "../errors";
import { splitScope } from "../tokens/claims";
import { graphPermissionOf } from "../tokens/graph-scopes";
import type { AuthorizeContext } from "./context";

/**
 * openid is required (this is an OpenID provider); unknown scopes are refused (RFC 6749 §4.1.2.1
 * invalid_scope). offline_access is kept only for a client allowed to refresh (OIDC Core §11).
 * Delegated Graph scopes are allowed only for permissions an administrator granted the application
 * (its `permissions`, Entra's admin consent): there is no consent screen that could grant more.
 */
export function checkScope(ctx: AuthorizeContext): void {
  const requested = splitScope(ctx.params.get("scope"));
  if (!requested.includes("openid")) throw new OAuthError("invalid_scope", "the openid scope is required");
  const resource = ctx.urls.managementResource;
  const unknown = requested.filter(
    (s) => !(USER_SCOPES as readonly string[]).includes(s) && graphPermissionOf(s, resource) === undefined,
  );
  if (unknown.length) throw new OAuthError("invalid_scope", `unknown scope: ${unknown.join(" ").slice(0, 100)}`);
  const granted = new Set<string>();
  for (const scope of requested) {
    const permission = graphPermissionOf(scope, resource);
    if (permission === undefined) {
      if (scope !== "offline_access" || ctx.client!.grantTypes.includes("refresh_token")) granted.add(scope);
      continue;
    }
    const permissions = permission === ".default" ? ctx.client!.permissions : [permission];
    for (const name of permissions) {
      if (!ctx.client!.permissions.includes(name))
        throw new OAuthError("invalid_scope", `${name} has not been granted to this application`);
      // One spelling in the grant: ours, whatever name the client used.
      granted.add(`${resource}/${name}`);
    }
  }
  ctx.authorization.scope = [...granted];
}
