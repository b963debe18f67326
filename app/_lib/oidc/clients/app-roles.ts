import { createHash } from "node:crypto";

/**
 * The id of an application's app role. Roles registered before app roles had ids (old
 * Application.appRoles rows) get a stable GUID derived from the client id and the role's value, so
 * Graph's appRoleAssignment.appRoleId (contract §3.2) names the same role on every read.
 */
export function appRoleId(clientId: string, role: { id?: string | null; value?: string | null }): string {
  if (role.id) return role.id.toLowerCase();
  const hex = createHash("sha256")
    .update(`${clientId}:${role.value ?? ""}`)
    .digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
