import { ConfigError } from "../errors";
import { parseUserFlowsFile, type UserFlow } from "../journeys";
import type { Tenant } from "../tenant";
import sourceMessages from "../../../messages/en.json";
import type { PrismaClient } from "./client";

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

export interface UserFlowRepository {
  /**
   * Validates a user-flows file against the tenant (throws its ConfigError) and stores it in one
   * transaction: each flow is upserted by name and the tenant's app assignments become exactly
   * the file's. Importing the same file again changes nothing.
   */
  importFile(tenantId: string, fileText: string): Promise<UserFlowImport>;
  /** The flow an application starts, validated again against the tenant as configured now. */
  flowFor(tenantId: string, clientId: string): Promise<UserFlow | undefined>;
  list(tenantId: string): Promise<StoredUserFlow[]>;
}

export interface UserFlowRepositoryDeps {
  tenants: { find(slug: string): Tenant | undefined };
}

/** User flows on Prisma. The rules live in parseUserFlowsFile; this only stores and reads. */
export function createUserFlowRepository(prisma: PrismaClient, deps: UserFlowRepositoryDeps): UserFlowRepository {
  // Parsing a flow (ICU overrides, pattern safety, country tables) costs far more than reading it,
  // and flowFor sits on the token and userinfo paths: keep what was parsed, keyed by the exact
  // stored text, so a re-import is seen at once. The tenants file does not change while we run.
  const parsed = new Map<string, UserFlow>();
  const PARSED_LIMIT = 256;

  function tenantOf(tenantId: string): Tenant {
    const tenant = deps.tenants.find(tenantId);
    if (!tenant) throw new ConfigError("the tenant", [`no tenant "${tenantId}" in the tenants file`]);
    return tenant;
  }

  return {
    async importFile(tenantId, fileText) {
      const result = parseUserFlowsFile(fileText, tenantOf(tenantId), { sourceMessages });
      if (!result.ok) throw result.error;
      // Parsing succeeded, so the text is JSON with one entry per parsed flow, in order.
      const entries = (JSON.parse(fileText) as { userFlows: unknown[] }).userFlows;
      const flows = result.userFlows.map((flow, index) => ({ flow, definition: JSON.stringify(entries[index]) }));

      return prisma.$transaction(async (tx) => {
        const before = new Map(
          (await tx.userFlow.findMany({ where: { tenantId }, select: { id: true, name: true, definition: true } })).map((row) => [
            row.name,
            row,
          ]),
        );
        const assignments: { tenantId: string; clientId: string; userFlowId: string }[] = [];
        const imported: UserFlowImport["flows"] = [];
        for (const { flow, definition } of flows) {
          const stored = before.get(flow.name);
          const change = !stored ? "created" : stored.definition === definition ? "unchanged" : "updated";
          const row =
            stored && change === "unchanged"
              ? stored
              : await tx.userFlow.upsert({
                  where: { tenantId_name: { tenantId, name: flow.name } },
                  create: { tenantId, name: flow.name, definition },
                  update: { definition },
                  select: { id: true },
                });
          for (const clientId of flow.applications) assignments.push({ tenantId, clientId, userFlowId: row.id });
          imported.push({ name: flow.name, displayName: flow.displayName, applications: [...flow.applications], change });
        }
        await tx.userFlowApplication.deleteMany({ where: { tenantId } });
        if (assignments.length) await tx.userFlowApplication.createMany({ data: assignments });
        const names = new Set(flows.map(({ flow }) => flow.name));
        return { tenantId, flows: imported, withoutApplications: [...before.keys()].filter((name) => !names.has(name)).sort() };
      });
    },

    async flowFor(tenantId, clientId) {
      const assignment = await prisma.userFlowApplication.findUnique({
        where: { tenantId_clientId: { tenantId, clientId } },
        select: { userFlow: { select: { name: true, definition: true } } },
      });
      if (!assignment) return undefined;
      const tenant = deps.tenants.find(tenantId);
      if (!tenant) return undefined;
      const { name, definition } = assignment.userFlow;
      const key = `${tenantId}\u0000${definition}`;
      const known = parsed.get(key);
      if (known) return known;
      // Checked again because the tenants file may have changed since the import (an identity
      // provider or a language removed): a flow that no longer fits is an operator's error to fix.
      const result = parseUserFlowsFile(`{ "userFlows": [${definition}] }`, tenant, {
        sourceMessages,
        source: `user flow "${name}" of ${tenantId} (stored)`,
      });
      if (!result.ok) throw result.error;
      if (parsed.size >= PARSED_LIMIT) parsed.clear();
      parsed.set(key, result.userFlows[0]!);
      return result.userFlows[0];
    },

    async list(tenantId) {
      const rows = await prisma.userFlow.findMany({
        where: { tenantId },
        include: { applications: { select: { clientId: true }, orderBy: { clientId: "asc" } } },
        orderBy: { name: "asc" },
      });
      return rows.map((row) => {
        const definition = jsonValue(row.definition);
        const displayName = (definition as { displayName?: unknown } | undefined)?.displayName;
        return {
          id: row.id,
          tenantId: row.tenantId,
          name: row.name,
          displayName: typeof displayName === "string" ? displayName : row.name,
          applications: row.applications.map((a) => a.clientId),
          definition,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        };
      });
    },
  };
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
