import type { Actor } from "../directory";
import type { ListArgs } from "./catalogs";
import { event, existing, packageOf, page, type Call, type Page } from "./common";
import { EntitlementError, invalid } from "./errors";
import { authorize } from "./permissions";
import type {
  AssignmentFilter,
  AssignmentRecord,
  EntitlementStore,
  EntitlementUnit,
  RequestFilter,
  RequestRecord,
  RoleScopeRecord,
} from "./records";

export interface RequestVerbs {
  /**
   * An administrator's direct assignment of a directory user (Graph `adminAdd`): delivered at
   * once, without approval as in Entra — the assignment, the request, and every group membership,
   * ownership and app-role assignment the package grants commit together, or none does.
   */
  adminAdd(
    call: Call,
    input: { accessPackageId: string; policyId: string; targetId: string; justification: string },
  ): Promise<RequestRecord>;
  listRequests(actor: Actor, tenantId: string, query: ListArgs<RequestFilter>): Promise<Page<RequestRecord>>;
  getRequest(actor: Actor, tenantId: string, id: string): Promise<RequestRecord>;
  listAssignments(actor: Actor, tenantId: string, query: ListArgs<AssignmentFilter>): Promise<Page<AssignmentRecord>>;
  getAssignment(actor: Actor, tenantId: string, id: string): Promise<AssignmentRecord>;
}

const listArgs = <F>(query: ListArgs<F>) => ({
  filters: query.filters ?? [],
  take: query.top + 1,
  ...(query.after ? { after: query.after } : {}),
});

/** Adds what one role scope grants; a resource gone from the directory stops the whole delivery. */
async function grant(unit: EntitlementUnit, call: Call, scope: RoleScopeRecord, guestId: string): Promise<void> {
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

/** The assignment's schedule as its policy's expiration says (contract §7.2). */
function scheduleOf(expiration: unknown, now: Date): Record<string, unknown> {
  const e = (expiration ?? {}) as { type?: string; duration?: string | null; endDateTime?: string | null };
  return {
    startDateTime: now.toISOString(),
    recurrence: null,
    expiration: { type: e.type ?? "notSpecified", duration: e.duration ?? null, endDateTime: e.endDateTime ?? null },
  };
}

export function requestVerbs(store: EntitlementStore, clock: { now(): Date }): RequestVerbs {
  return {
    async adminAdd(call, input) {
      authorize(call.actor, true);
      return store.transaction(async (unit) => {
        const accessPackage = await packageOf(unit, call.tenantId, input.accessPackageId).catch(() => {
          throw invalid("assignment.accessPackageId", `The access package '${input.accessPackageId}' does not exist.`);
        });
        const policy = await unit.findPolicy(call.tenantId, input.policyId);
        if (!policy || policy.accessPackageId !== accessPackage.id)
          throw invalid("assignment.assignmentPolicyId", `The policy '${input.policyId}' is not a policy of the access package.`);
        if (!(await unit.findSubject(call.tenantId, input.targetId)))
          throw invalid("assignment.targetId", `The user '${input.targetId}' does not exist.`);
        const held = await unit.listAssignments(call.tenantId, {
          filters: [
            { property: "targetGuestId", value: input.targetId },
            { property: "accessPackageId", value: accessPackage.id },
          ],
          take: 50,
        });
        if (held.some((a) => a.state !== "expired"))
          throw new EntitlementError("conflict", "The user already has an assignment of this access package.", "assignment");
        const now = clock.now();
        const schedule = scheduleOf(policy.settings.expiration, now);
        const assignmentId = await unit.createAssignment({
          tenantId: call.tenantId,
          accessPackageId: accessPackage.id,
          policyId: policy.id,
          targetGuestId: input.targetId,
          state: "delivered",
          status: "Delivered",
          schedule,
        });
        for (const scope of await unit.listRoleScopes(call.tenantId, accessPackage.id))
          await grant(unit, call, scope, input.targetId);
        const requestId = await unit.createRequest({
          tenantId: call.tenantId,
          accessPackageId: accessPackage.id,
          policyId: policy.id,
          requestType: "adminAdd",
          state: "delivered",
          status: "Delivered",
          targetGuestId: input.targetId,
          assignmentId,
          justification: input.justification,
          schedule,
          completedAt: now,
        });
        await unit.audit.append(
          event(
            call,
            "accessPackageAssignment.delivered",
            { type: "guest", id: input.targetId },
            {
              accessPackageId: accessPackage.id,
              policyId: policy.id,
              requestId,
              assignmentId,
            },
          ),
        );
        return (await unit.findRequest(call.tenantId, requestId))!;
      });
    },
    async listRequests(actor, tenantId, query) {
      authorize(actor, false);
      return page(await store.listRequests(tenantId, listArgs(query)), query.top);
    },
    async getRequest(actor, tenantId, id) {
      authorize(actor, false);
      return existing(store.findRequest(tenantId, id), id);
    },
    async listAssignments(actor, tenantId, query) {
      authorize(actor, false);
      return page(await store.listAssignments(tenantId, listArgs(query)), query.top);
    },
    async getAssignment(actor, tenantId, id) {
      authorize(actor, false);
      return existing(store.findAssignment(tenantId, id), id);
    },
  };
}
