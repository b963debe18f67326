import { CIRCULAR_MEMBERSHIP, isDirectoryError, type GroupRecord, type MemberObject, type MemberRecord } from "../../directory";
import type { GraphRequest } from "../context";
import { graphErrors } from "../errors";

/**
 * A directory service's refusal as Graph says it (contract §0.4). `conflict` on `members` is the
 * duplicate-reference message clients match on; on `appRoleAssignments`, Entra's duplicate message.
 */
export function graphErrorOf(error: unknown, id: string): unknown {
  if (!isDirectoryError(error)) return error;
  switch (error.code) {
    case "forbidden":
      return graphErrors.denied();
    case "notFound":
      return graphErrors.notFound(error.message || id);
    case "invalid":
      if (error.message === CIRCULAR_MEMBERSHIP)
        return graphErrors.badRequest("A group cannot be a member of itself or of a group it contains (circular membership).");
      return graphErrors.badRequest(`Invalid value specified for property '${error.message.split(":")[0]}'.`);
    case "conflict":
      return ["members", "owners", "sponsors"].includes(error.message)
        ? graphErrors.badRequest(
            `One or more added object references already exist for the following modified properties: '${error.message}'.`,
          )
        : graphErrors.badRequest("Permission being assigned already exists on the object");
  }
}

/** Runs a service call, turning its DirectoryError into the GraphError the API answers with. */
export async function viaService<T>(id: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw graphErrorOf(error, id);
  }
}

/** `$top` (the API checked 1..999; contract §0.5: default 100). */
export const pageSize = (request: GraphRequest) => request.query.top ?? 100;

/** Decodes `$skiptoken` for this scope, or 400 naming it. */
export function position(request: GraphRequest, scope: unknown) {
  if (request.query.skipToken === undefined) return undefined;
  const decoded = request.cursors.decode(scope, request.query.skipToken);
  if (!decoded) throw graphErrors.badRequest("Invalid value specified for query parameter '$skiptoken'.");
  return decoded;
}

/** Graph `group` (contract §3.1). */
export function groupJson(group: GroupRecord): Record<string, unknown> {
  return {
    id: group.id,
    displayName: group.displayName,
    description: group.description,
    mailEnabled: group.mailEnabled,
    mailNickname: group.mailNickname,
    securityEnabled: group.securityEnabled,
    mail: null,
    groupTypes: group.groupTypes,
    createdDateTime: group.createdAt.toISOString(),
    visibility: null,
    isAssignableToRole: false,
  };
}

/** A group in a directoryObject collection carries its type (contract §3.1). */
export const groupObjectJson = (group: GroupRecord) => ({ "@odata.type": "#microsoft.graph.group", ...groupJson(group) });

/** A user or a nested group in a directoryObject collection (contract §3.1). */
export const directoryObjectJson = (member: MemberObject): Record<string, unknown> =>
  member.type === "group" ? groupObjectJson(member) : memberJson(member);

/** A user in a directoryObject collection carries its type (contract §3.1). */
export function memberJson(member: MemberRecord): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.user",
    id: member.id,
    displayName: member.displayName,
    mail: member.email,
    userType: member.userType,
  };
}
