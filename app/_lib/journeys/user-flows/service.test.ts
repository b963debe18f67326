import { describe, expect, it } from "vitest";
import type { Actor, AuditEventInput } from "../../directory";
import { ConfigError } from "../../errors";
import type { Tenant } from "../../tenant";
import { createUserFlowService } from "./service";
import type { UserFlowStore } from "./store";
import { demoFileText, demoFlow, sourceMessages, tenant, WOODGROVE_BUSINESS, WOODGROVE_SHOP } from "./test-fixtures";

/** Rows in memory; a transaction's writes and audit events land together or not at all. */
function memoryStore() {
  let flows: { id: string; tenantId: string; name: string; definition: string }[] = [];
  let assignments: { tenantId: string; clientId: string; userFlowId: string }[] = [];
  const audit: AuditEventInput[] = [];
  const store: UserFlowStore = {
    async assigned(tenantId, clientId) {
      const a = assignments.find((x) => x.tenantId === tenantId && x.clientId === clientId);
      const flow = a && flows.find((f) => f.id === a.userFlowId);
      return flow ? { name: flow.name, definition: flow.definition } : null;
    },
    async list(tenantId) {
      return flows
        .filter((f) => f.tenantId === tenantId)
        .map((f) => ({
          ...f,
          applications: assignments.filter((a) => a.userFlowId === f.id).map((a) => a.clientId),
          createdAt: new Date(0),
          updatedAt: new Date(0),
        }));
    },
    // The editing verbs are tested on real databases (tests/integration/graph/user-flows.test.ts).
    editTransaction: () => Promise.reject(new Error("the editing verbs are not part of these tests")),
    async transaction(work) {
      const draft = { flows: structuredClone(flows), assignments: structuredClone(assignments), audit: [] as AuditEventInput[] };
      const result = await work({
        flows: async (tenantId) => draft.flows.filter((f) => f.tenantId === tenantId),
        async upsert(tenantId, name, definition) {
          const found = draft.flows.find((f) => f.tenantId === tenantId && f.name === name);
          if (found) return Object.assign(found, { definition });
          const row = { id: `flow-${draft.flows.length + 1}`, tenantId, name, definition };
          draft.flows.push(row);
          return row;
        },
        async replaceAssignments(tenantId, next) {
          draft.assignments = [
            ...draft.assignments.filter((a) => a.tenantId !== tenantId),
            ...next.map((a) => ({ tenantId, ...a })),
          ];
        },
        audit: { append: async (event) => void draft.audit.push(event) },
      });
      flows = draft.flows;
      assignments = draft.assignments;
      audit.push(...draft.audit);
      return result;
    },
  };
  return { store, audit };
}

function setup(tenants: Record<string, Tenant> = { woodgrove: tenant("woodgrove") }) {
  const { store, audit } = memoryStore();
  const warnings: string[] = [];
  const service = createUserFlowService({
    store,
    tenants: { find: (slug) => tenants[slug] },
    sourceMessages: sourceMessages as Record<string, unknown>,
    warn: (message) => warnings.push(message),
  });
  return { service, store, audit, warnings };
}

const operator: Actor = { type: "system", name: "cli" };

describe("user-flow service", () => {
  it("imports a file with one audit event naming the flows and apps, with the real actor", async () => {
    const { service, audit } = setup();
    const app: Actor = { type: "application", clientId: "admin-app", permissions: ["IdentityUserFlow.ReadWrite.All"] };
    const result = await service.importFile(app, "woodgrove", demoFileText("woodgrove"), { correlationId: "req-1" });
    expect(result.flows.map((f) => [f.name, f.change])).toEqual([["signup-signin", "created"]]);
    expect(audit).toEqual([
      {
        tenantId: "woodgrove",
        type: "userFlows.imported",
        actor: app,
        target: { type: "userFlows", id: "woodgrove" },
        correlationId: "req-1",
        data: {
          created: ["signup-signin"],
          updated: [],
          unchanged: [],
          withoutApplications: [],
          applications: [WOODGROVE_SHOP, WOODGROVE_BUSINESS].sort(),
        },
      },
    ]);
    expect(await service.flowFor("woodgrove", WOODGROVE_SHOP)).toEqual({ status: "assigned", flow: demoFlow("woodgrove") });
    expect(await service.flowFor("woodgrove", "no-such-app")).toEqual({ status: "none" });
    expect(await service.flowFor("nowhere", WOODGROVE_SHOP)).toEqual({ status: "none" });
  });

  it.each<[string, Actor, boolean, boolean]>([
    ["a guest", { type: "guest", guestId: "g" }, false, false],
    ["a directory reader", { type: "administrator", id: "r", role: "directoryReader" }, false, true],
    // The portal shows User Administrators the flows their guests sign up through; they change none.
    ["a user administrator", { type: "administrator", id: "u", role: "userAdministrator" }, false, true],
    ["a guest inviter", { type: "administrator", id: "g", role: "guestInviter" }, false, false],
    ["a global administrator", { type: "administrator", id: "a", role: "globalAdministrator" }, true, true],
    [
      "an application that reads flows",
      { type: "application", clientId: "c", permissions: ["IdentityUserFlow.Read.All"] },
      false,
      true,
    ],
    [
      "an application with user permissions only",
      { type: "application", clientId: "c", permissions: ["User.ReadWrite.All"] },
      false,
      false,
    ],
    ["the system", operator, true, true],
  ])("%s: import %s, list %s", async (_name, actor, mayImport, mayList) => {
    const { service, audit } = setup();
    const imported = service.importFile(actor, "woodgrove", demoFileText("woodgrove"));
    if (mayImport) await expect(imported).resolves.toBeDefined();
    else await expect(imported).rejects.toMatchObject({ name: "UserFlowPermissionError", code: "forbidden" });
    expect(audit).toHaveLength(mayImport ? 1 : 0);
    const listed = service.list(actor, "woodgrove");
    if (mayList) await expect(listed).resolves.toBeInstanceOf(Array);
    else await expect(listed).rejects.toMatchObject({ code: "forbidden" });
  });

  it("rejects a bad file with a ConfigError for the operator, storing nothing and auditing nothing", async () => {
    const { service, audit } = setup();
    await expect(service.importFile(operator, "woodgrove", "{ nope")).rejects.toBeInstanceOf(ConfigError);
    await expect(service.importFile(operator, "contoso", demoFileText("woodgrove"))).rejects.toThrow(/no tenant "contoso"/);
    expect(audit).toEqual([]);
    expect(await service.list(operator, "woodgrove")).toEqual([]);
  });

  it("answers unavailable, and warns once, when a stored flow no longer fits the tenants file", async () => {
    const woodgrove = tenant("woodgrove");
    const { service: importer, store } = setup();
    await importer.importFile(operator, "woodgrove", demoFileText("woodgrove"));
    // the same rows read by a server started with a tenants file that lost the e-mail provider
    const changed: Tenant = {
      ...woodgrove,
      identityProviders: [{ kind: "google", id: "google" } as Tenant["identityProviders"][number]],
    };
    const warnings: string[] = [];
    const later = createUserFlowService({
      store,
      tenants: { find: (slug) => (slug === "woodgrove" ? changed : undefined) },
      sourceMessages: sourceMessages as Record<string, unknown>,
      warn: (message) => warnings.push(message),
    });
    for (let i = 0; i < 3; i++) expect(await later.flowFor("woodgrove", WOODGROVE_SHOP)).toEqual({ status: "unavailable" });
    expect(await later.flowFor("woodgrove", WOODGROVE_BUSINESS)).toEqual({ status: "unavailable" });
    expect(warnings).toEqual(['user flow "signup-signin" of woodgrove no longer fits the tenants file: import it again']);
  });
});
