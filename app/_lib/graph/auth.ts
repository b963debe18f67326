import { ADMINISTRATOR_ROLES, type Actor, type AdministratorRole } from "../directory";
import type { GraphAccess } from "./context";
import { GraphError, graphErrors } from "./errors";

/** The claims of one of the tenant's access tokens that the API reads. */
export interface GraphTokenClaims {
  sub: string;
  client_id: string;
  scp?: string;
  roles?: string[];
}

export interface GraphAuthDeps {
  verifyToken(tenant: string, token: string, audience: string): Promise<GraphTokenClaims | undefined>;
  /** The directory roles a member holds (delegated tokens); empty for anyone else. */
  administratorRoles(tenant: string, guestId: string): Promise<readonly AdministratorRole[]>;
}

/**
 * RFC 6750 §3: a 401 names the scheme and, for a bad token, `error="invalid_token"`; Graph's body
 * code is InvalidAuthenticationToken (contract §0.4).
 */
const unauthenticated = (message: string, resource: string, invalid: boolean) =>
  new GraphError(401, "InvalidAuthenticationToken", message, {
    headers: {
      "WWW-Authenticate": `Bearer realm="${resource}"${invalid ? `, error="invalid_token", error_description="${message.replace(/"/g, "'")}"` : ""}`,
    },
  });

/**
 * Who calls: the tenant's own access token for the Graph resource (audience `{tenant}/graph`),
 * either app-only (client credentials: application permissions in `roles`) or delegated (`scp`:
 * a member acting with their directory role). A token of another tenant fails the issuer check.
 */
export interface Caller {
  actor: Actor;
  /** Delegated tokens only: the Graph permissions in `scp`; the call needs one of them and the role. */
  delegatedScopes?: readonly string[];
}

export async function authenticate(
  deps: GraphAuthDeps,
  tenant: string,
  resource: string,
  authorization: string | null,
): Promise<Caller> {
  if (!authorization || !authorization.trim()) throw unauthenticated("Access token is empty.", resource, false);
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated("Access token is empty.", resource, false);
  const claims = await deps.verifyToken(tenant, match[1]!, resource);
  if (!claims)
    throw unauthenticated(
      "Access token validation failure. Invalid audience, issuer, signature or lifetime, or the token was revoked.",
      resource,
      true,
    );
  if (claims.scp === undefined)
    return { actor: { type: "application", clientId: claims.client_id, permissions: claims.roles ?? [] } };
  const roles = await deps.administratorRoles(tenant, claims.sub);
  // The strongest role decides: ADMINISTRATOR_ROLES lists them strongest first.
  const role = ADMINISTRATOR_ROLES.find((candidate) => roles.includes(candidate));
  const delegatedScopes = claims.scp.split(" ").filter(Boolean);
  // A signed-in user without a role acts as themselves; only routes open to signed-in users let them through.
  if (!role) return { actor: { type: "guest", guestId: claims.sub }, delegatedScopes };
  return { actor: { type: "administrator", id: claims.sub, role }, delegatedScopes };
}

/**
 * The route's declared access (contract §0.2), before anything is read: 403 Authorization_RequestDenied.
 * A delegated call needs both what Entra needs: a scope the app was granted, and the user's role.
 */
export function checkAccess({ actor, delegatedScopes }: Caller, access: GraphAccess): void {
  const scoped = (delegatedScopes ?? []).some((scope) => access.permissions.includes(scope));
  const allowed =
    actor.type === "system" ||
    (actor.type === "application" &&
      !access.delegatedOnly &&
      actor.permissions.some((permission) => access.permissions.includes(permission))) ||
    (actor.type === "administrator" && (access.roles.includes(actor.role) || access.signedInUsers === true) && scoped) ||
    (actor.type === "guest" && access.signedInUsers === true && scoped);
  if (!allowed) throw graphErrors.denied();
}
