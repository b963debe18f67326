import { MANAGEMENT_PERMISSIONS } from "../constants";

/** Microsoft Graph's own resource URI: clients written for Entra ask for `https://graph.microsoft.com/User.Read.All`. */
const MICROSOFT_GRAPH = "https://graph.microsoft.com";

/**
 * A delegated Graph scope: `{tenant}/graph/{Permission}` or Graph's own name for it; the
 * permission name, or undefined when the scope is not one. `.default` means "every permission the
 * application was granted", as in Entra.
 */
export function graphPermissionOf(scope: string, managementResource: string): string | undefined {
  for (const resource of [managementResource, MICROSOFT_GRAPH]) {
    if (!scope.startsWith(`${resource}/`)) continue;
    const name = scope.slice(resource.length + 1);
    if (name === ".default" || (MANAGEMENT_PERMISSIONS as readonly string[]).includes(name)) return name;
  }
  return undefined;
}

/**
 * The scopes an access token carries and the audience it is for: with delegated Graph scopes the
 * token is for the Graph API (`scp` then names the permissions, as Entra's do), otherwise for userinfo.
 */
export function accessTokenTarget(
  scope: readonly string[],
  urls: { managementResource: string; userinfoResource: string },
): { audience: string; scp: string[] } {
  const graph = scope.some((s) => graphPermissionOf(s, urls.managementResource) !== undefined);
  if (!graph) return { audience: urls.userinfoResource, scp: [...scope] };
  return { audience: urls.managementResource, scp: scope.map((s) => graphPermissionOf(s, urls.managementResource) ?? s) };
}
