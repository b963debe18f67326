import { mayConfigure, type Actor } from "../../directory";
import { ConfigError } from "../../errors";
import type { Tenant } from "../../tenant";
import { createUserFlowAssignment, type UserFlowAssignment } from "./application-assignment";
import { createUserFlowEditing, type UserFlowEditing } from "./editing";
import { parseUserFlowsFile } from "./parse-file";
import { cachingAssignments } from "./cached-store";
import { LIFETIMES } from "../../oidc";
import type { UserFlowStore } from "./store";
import type { UserFlow } from "./types";

/** A user flow as stored: its definition is the flow's entry of the imported file, as written. */
export interface StoredUserFlow {
  id: string;
  tenantId: string;
  name: string;
  displayName: string;
  /** The applications assigned to it now (an app starts at most one flow). */
  applications: string[];
  /** The flow's JSON entry, as imported. */
  definition: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserFlowImport {
  tenantId: string;
  flows: { name: string; displayName: string; applications: string[]; change: "created" | "updated" | "unchanged" }[];
  /** Flows stored before but not in this file: kept, with no applications any more. */
  withoutApplications: string[];
}

/**
 * The flow an application starts: `none` when no flow is assigned (or no such tenant), and
 * `unavailable` when the stored flow no longer fits the tenants file (an identity provider or a
 * language removed since the import) — an operator's error to fix, never a crash of the request.
 */
export type FlowLookup = { status: "assigned"; flow: UserFlow } | { status: "none" } | { status: "unavailable" };

export interface UserFlowService extends UserFlowEditing, UserFlowAssignment {
  /**
   * Validates a user-flows file against the tenant (a ConfigError names each problem: this is the
   * operator's import path) and stores it in one transaction with its audit event: each flow is
   * upserted by name and the tenant's app assignments become exactly the file's.
   */
  importFile(actor: Actor, tenantId: string, fileText: string, options?: { correlationId?: string }): Promise<UserFlowImport>;
  list(actor: Actor, tenantId: string): Promise<StoredUserFlow[]>;
  /** The journeys' and the token endpoint's lookup: validated against the tenant as configured now. */
  flowFor(tenantId: string, clientId: string): Promise<FlowLookup>;
}

export interface UserFlowPorts {
  store: UserFlowStore;
  tenants: { find(slug: string): Tenant | undefined };
  /** messages/en.json: overrides are checked against its keys. */
  sourceMessages: Record<string, unknown>;
  /** Told once per stored definition that no longer fits its tenant. */
  warn(message: string, details: { tenantId: string; userFlow: string; problems: readonly string[] }): void;
  /**
   * How long this process trusts its copy of the applications' assignments (cached-store.ts);
   * LIFETIMES.configCache when unset, 0 to read the database every time.
   */
  cacheSeconds?: number;
  clock?: { now(): Date };
}

const PARSED_LIMIT = 256;

export function createUserFlowService(ports: UserFlowPorts): UserFlowService {
  const { tenants, sourceMessages } = ports;
  const store = cachingAssignments(ports.store, {
    ttlSeconds: ports.cacheSeconds ?? LIFETIMES.configCache,
    clock: ports.clock ?? { now: () => new Date() },
  });
  // Parsing a flow (ICU overrides, pattern safety, country tables) costs far more than reading it,
  // and flowFor sits on the token and userinfo paths: keep what was parsed, keyed by the exact
  // stored text, so a re-import is seen at once. The tenants file does not change while we run.
  const parsed = new Map<string, FlowLookup>();

  function authorize(actor: Actor, write: boolean): void {
    if (!mayManageUserFlows(actor, write)) throw new UserFlowPermissionError(actor.type);
  }

  return {
    ...createUserFlowEditing({ store, tenants, sourceMessages, authorize }),
    ...createUserFlowAssignment({ store, forbidden: (actor) => new UserFlowPermissionError(actor.type) }),
    async importFile(actor, tenantId, fileText, options = {}) {
      authorize(actor, true);
      const tenant = tenants.find(tenantId);
      if (!tenant) throw new ConfigError("the tenant", [`no tenant "${tenantId}" in the tenants file`]);
      const result = parseUserFlowsFile(fileText, tenant, { sourceMessages });
      if (!result.ok) throw result.error;
      // Parsing succeeded, so the text is JSON with one entry per parsed flow, in order.
      const entries = (JSON.parse(fileText) as { userFlows: unknown[] }).userFlows;
      const flows = result.userFlows.map((flow, index) => ({ flow, definition: JSON.stringify(entries[index]) }));

      return store.transaction(async (unit) => {
        const before = new Map((await unit.flows(tenantId)).map((row) => [row.name, row]));
        const assignments: { clientId: string; userFlowId: string }[] = [];
        const imported: UserFlowImport["flows"] = [];
        for (const { flow, definition } of flows) {
          const stored = before.get(flow.name);
          const change = !stored ? "created" : stored.definition === definition ? "unchanged" : "updated";
          const row = stored && change === "unchanged" ? stored : await unit.upsert(tenantId, flow.name, definition);
          for (const clientId of flow.applications) assignments.push({ clientId, userFlowId: row.id });
          imported.push({ name: flow.name, displayName: flow.displayName, applications: [...flow.applications], change });
        }
        await unit.replaceAssignments(tenantId, assignments);
        const names = new Set(flows.map(({ flow }) => flow.name));
        const withoutApplications = [...before.keys()].filter((name) => !names.has(name)).sort();
        const of = (change: string) => imported.filter((f) => f.change === change).map((f) => f.name);
        await unit.audit.append({
          tenantId,
          type: "userFlows.imported",
          actor,
          target: { type: "userFlows", id: tenantId },
          ...(options.correlationId ? { correlationId: options.correlationId } : {}),
          data: {
            created: of("created"),
            updated: of("updated"),
            unchanged: of("unchanged"),
            withoutApplications,
            applications: assignments.map((a) => a.clientId).sort(),
          },
        });
        return { tenantId, flows: imported, withoutApplications };
      });
    },

    async list(actor, tenantId) {
      authorize(actor, false);
      return (await store.list(tenantId)).map((row) => {
        const definition = jsonValue(row.definition);
        const displayName = (definition as { displayName?: unknown } | undefined)?.displayName;
        return {
          id: row.id,
          tenantId: row.tenantId,
          name: row.name,
          displayName: typeof displayName === "string" ? displayName : row.name,
          applications: row.applications,
          definition,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        };
      });
    },

    async flowFor(tenantId, clientId) {
      const tenant = tenants.find(tenantId);
      if (!tenant) return { status: "none" };
      const assignment = await store.assigned(tenantId, clientId);
      if (!assignment) return { status: "none" };
      const { name, definition } = assignment;
      const key = `${tenantId}\u0000${definition}`;
      const known = parsed.get(key);
      if (known) return known;
      // Checked again because the tenants file may have changed since the import. The answer is
      // kept like a good one, so the operator is told once, not on every request.
      const result = parseUserFlowsFile(`{ "userFlows": [${definition}] }`, tenant, {
        sourceMessages,
        source: `user flow "${name}" of ${tenantId} (stored)`,
      });
      const lookup: FlowLookup = result.ok ? { status: "assigned", flow: result.userFlows[0]! } : { status: "unavailable" };
      if (!result.ok)
        ports.warn(`user flow "${name}" of ${tenantId} no longer fits the tenants file: import it again`, {
          tenantId,
          userFlow: name,
          problems: result.error.problems,
        });
      if (parsed.size >= PARSED_LIMIT) parsed.clear();
      parsed.set(key, lookup);
      return lookup;
    },
  };
}

/**
 * Operators and the management API manage flows: Entra's IdentityUserFlow.* application
 * permissions, the global administrator, the system. Directory readers and the User and
 * Application Administrators may read them (the portal shows them the flows; guests' attributes
 * and applications' sign-up depend on them); a Guest Inviter may not.
 */
export function mayManageUserFlows(actor: Actor, write: boolean): boolean {
  return mayConfigure(actor, write, {
    read: ["IdentityUserFlow.Read.All"],
    write: ["IdentityUserFlow.ReadWrite.All"],
    roles: {
      read: ["globalAdministrator", "directoryReader", "userAdministrator", "applicationAdministrator"],
      write: ["globalAdministrator"],
    },
  });
}

export class UserFlowPermissionError extends Error {
  override readonly name = "UserFlowPermissionError";
  readonly code = "forbidden";
  constructor(actorType: string) {
    super(`${actorType} may not manage user flows`);
  }
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
