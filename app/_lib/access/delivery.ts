import { event, type Call } from "./common";
import { addDuration } from "./durations";
import { invalid } from "./errors";
import type { EntitlementUnit, RoleScopeRecord } from "./records";

/** Adds what one role scope grants; a resource gone from the directory stops the whole delivery. */
export async function grant(unit: EntitlementUnit, call: Call, scope: RoleScopeRecord, guestId: string): Promise<void> {
  const { resource, role } = scope;
  const gone = () => invalid("accessPackage", `The resource '${resource.displayName}' is no longer in the directory.`);
  if (resource.originSystem === "AadGroup") {
    if (!(await unit.groupExists(call.tenantId, resource.originId))) throw gone();
    const owner = role.originId.startsWith("Owner_");
    const added = owner
      ? await unit.grantGroupOwnership(call.tenantId, resource.originId, guestId)
      : await unit.grantGroupMembership(call.tenantId, resource.originId, guestId);
    if (added)
      await unit.audit.append(
        event(
          call,
          owner ? "group.ownerAdded" : "group.membersAdded",
          { type: "group", id: resource.originId },
          {
            count: 1,
            members: [guestId],
            via: "accessPackage",
          },
        ),
      );
    return;
  }
  if (!(await unit.findDirectoryResource(call.tenantId, "AadApplication", resource.originId))) throw gone();
  if (await unit.grantAppRole(call.tenantId, resource.originId, role.originId, guestId))
    await unit.audit.append(
      event(
        call,
        "appRoleAssignment.created",
        { type: "guest", id: guestId },
        {
          applicationId: resource.originId,
          appRoleId: role.originId,
          via: "accessPackage",
        },
      ),
    );
}

const grantKey = (scope: RoleScopeRecord) => `${scope.resource.originSystem}/${scope.resource.originId}/${scope.role.originId}`;

/**
 * Takes back what an ending assignment granted, except what another of the person's delivered
 * assignments still grants (the same group role or app role through another package).
 */
export async function revoke(
  unit: EntitlementUnit,
  call: Call,
  assignment: { id: string; accessPackageId: string; guestId: string },
): Promise<void> {
  const others = await unit.listAssignments(call.tenantId, {
    filters: [
      { property: "targetGuestId", value: assignment.guestId },
      { property: "state", value: "delivered" },
    ],
    take: 500,
  });
  const kept = new Set<string>();
  for (const other of others.filter((a) => a.id !== assignment.id))
    for (const scope of await unit.listRoleScopes(call.tenantId, other.accessPackageId)) kept.add(grantKey(scope));
  for (const scope of await unit.listRoleScopes(call.tenantId, assignment.accessPackageId)) {
    if (kept.has(grantKey(scope))) continue;
    const { resource, role } = scope;
    const guestId = assignment.guestId;
    if (resource.originSystem === "AadGroup") {
      const owner = role.originId.startsWith("Owner_");
      const removed = owner
        ? await unit.revokeGroupOwnership(call.tenantId, resource.originId, guestId)
        : await unit.revokeGroupMembership(call.tenantId, resource.originId, guestId);
      if (removed)
        await unit.audit.append(
          event(
            call,
            owner ? "group.ownerRemoved" : "group.memberRemoved",
            { type: "group", id: resource.originId },
            {
              member: guestId,
              via: "accessPackage",
            },
          ),
        );
    } else if (await unit.revokeAppRole(call.tenantId, resource.originId, role.originId, guestId)) {
      await unit.audit.append(
        event(
          call,
          "appRoleAssignment.deleted",
          { type: "guest", id: guestId },
          {
            applicationId: resource.originId,
            appRoleId: role.originId,
            via: "accessPackage",
          },
        ),
      );
    }
  }
}

/** The assignment's schedule and end as its policy's expiration says (contract §7.2). */
export function scheduleOf(expiration: unknown, now: Date): { schedule: Record<string, unknown>; expiresAt: Date | null } {
  const e = (expiration ?? {}) as { type?: string; duration?: string | null; endDateTime?: string | null };
  const type = e.type ?? "notSpecified";
  const expiresAt =
    type === "afterDuration" && e.duration
      ? addDuration(now, e.duration)
      : type === "afterDateTime" && e.endDateTime
        ? new Date(e.endDateTime)
        : null;
  return {
    schedule: {
      startDateTime: now.toISOString(),
      recurrence: null,
      expiration: { type, duration: e.duration ?? null, endDateTime: e.endDateTime ?? null },
    },
    expiresAt,
  };
}
