import { mayConfigure, type Actor } from "../../directory";
import { UserFlowEditError } from "./editing";
import type { UserFlowEditStore } from "./store";

/**
 * Which user flow an application starts, seen from the application (the admin portal's
 * application page; the import and Graph's `guestgateApplications` set it from the flow's side).
 * An application starts at most one flow, so assigning moves it off the flow it started before,
 * in the same transaction, with one audit event per flow touched.
 */
export interface UserFlowAssignment {
  /** The tenant's flows (name, display name) and the one the application starts now, if any. */
  applicationFlows(
    actor: Actor,
    tenantId: string,
    clientId: string,
  ): Promise<{ current: string | null; flows: { name: string; displayName: string }[] }>;
  /** `flowName` null: the application starts no flow any more. */
  assignApplication(
    actor: Actor,
    tenantId: string,
    clientId: string,
    flowName: string | null,
    options?: { correlationId?: string },
  ): Promise<void>;
}

/**
 * The assignment belongs to the flow and to the application alike: the flow's writers
 * (IdentityUserFlow.ReadWrite.All, global administrators) and the application's (Entra's
 * Application Administrator, Application.ReadWrite.All) may set it.
 */
export function mayAssignApplications(actor: Actor, write: boolean): boolean {
  return mayConfigure(actor, write, {
    read: ["IdentityUserFlow.Read.All", "Application.Read.All"],
    write: ["IdentityUserFlow.ReadWrite.All", "Application.ReadWrite.All"],
    roles: {
      read: ["globalAdministrator", "applicationAdministrator", "directoryReader"],
      write: ["globalAdministrator", "applicationAdministrator"],
    },
  });
}

export function createUserFlowAssignment(ports: {
  store: UserFlowEditStore;
  /** The service's refusal (UserFlowPermissionError), so every verb refuses alike. */
  forbidden(actor: Actor): Error;
}): UserFlowAssignment {
  const { store } = ports;
  const authorize = (actor: Actor, write: boolean) => {
    if (!mayAssignApplications(actor, write)) throw ports.forbidden(actor);
  };
  const displayNameOf = (definition: string, name: string) => {
    try {
      const value = (JSON.parse(definition) as { displayName?: unknown }).displayName;
      return typeof value === "string" ? value : name;
    } catch {
      return name;
    }
  };

  return {
    async applicationFlows(actor, tenantId, clientId) {
      authorize(actor, false);
      return store.editTransaction(async (unit) => {
        const flows = await unit.flows(tenantId);
        const [assignment] = await unit.assignmentsOf(tenantId, [clientId]);
        const current = flows.find((flow) => flow.id === assignment?.userFlowId)?.name ?? null;
        return {
          current,
          flows: flows
            .map((flow) => ({ name: flow.name, displayName: displayNameOf(flow.definition, flow.name) }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        };
      });
    },

    async assignApplication(actor, tenantId, clientId, flowName, options = {}) {
      authorize(actor, true);
      await store.editTransaction(async (unit) => {
        const flows = await unit.flows(tenantId);
        const target = flowName === null ? null : await unit.flow(tenantId, flowName);
        if (flowName !== null && !target) throw new UserFlowEditError("notFound", `no user flow "${flowName}"`);
        const [assignment] = await unit.assignmentsOf(tenantId, [clientId]);
        const previous = flows.find((flow) => flow.id === assignment?.userFlowId);
        if (previous?.id === target?.id) return;
        const event = (type: string, name: string) =>
          unit.audit.append({
            tenantId,
            type,
            actor,
            target: { type: "userFlow", id: name },
            data: { application: clientId },
            ...(options.correlationId ? { correlationId: options.correlationId } : {}),
          });
        if (previous) {
          const row = await unit.flow(tenantId, previous.name);
          await unit.replaceFlowAssignments(
            tenantId,
            previous.id,
            (row?.applications ?? []).filter((id) => id !== clientId),
          );
          await event("userFlow.applicationUnassigned", previous.name);
        }
        if (target) {
          await unit.replaceFlowAssignments(tenantId, target.id, [
            ...target.applications.filter((id) => id !== clientId),
            clientId,
          ]);
          await event("userFlow.applicationAssigned", target.name);
        }
      });
    },
  };
}
