import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../directory";
import { createKeyStore } from "../keys/key-store";
import { createMemoryRepositories } from "../testing/memory-repositories";
import { createOidcAdministration } from "./administration";
import { createApplicationAdmin } from "./register";

function setup() {
  const memory = createMemoryRepositories();
  const clock = { now: () => new Date("2026-12-01T00:00:00Z") };
  const administration = createOidcAdministration({
    applications: createApplicationAdmin({ applications: memory.repositories.applications, clock }),
    keys: createKeyStore({ repository: memory.repositories.signingKeys, kek: randomBytes(32), clock }),
  });
  return { memory, administration };
}

const cli: Actor = { type: "system", name: "cli" };
const input = {
  tenantId: "woodgrove",
  name: "Portal",
  clientType: "confidential" as const,
  redirectUris: ["https://portal.example/cb"],
};

describe("OIDC administration: applications and keys, audited with their actor", () => {
  it("records application.created, application.secretAdded and signingKey.rotated with the actor, never a secret", async () => {
    const { memory, administration } = setup();
    const { application, secret } = await administration.register(cli, input);
    const added = await administration.addSecret(cli, "woodgrove", application.clientId, 3600);
    const rotated = await administration.rotateKeys(cli, "woodgrove");

    expect(memory.audit.map((e) => [e.type, e.actor, e.target])).toEqual([
      ["application.created", cli, { type: "application", id: application.clientId }],
      ["application.secretAdded", cli, { type: "application", id: application.clientId }],
      ...rotated.map((key) => ["signingKey.rotated", cli, { type: "signingKey", id: key.kid }]),
    ]);
    expect(memory.audit[0]!.data).toEqual({
      clientType: "confidential",
      grantTypes: ["authorization_code", "refresh_token"],
      permissions: [],
      redirectUris: 1,
      secretIssued: true,
    });
    const logged = JSON.stringify(memory.audit);
    for (const value of [secret!.secret, added.secret, `"${added.hint}"`]) expect(logged).not.toContain(value);
  });

  it.each<[string, Actor]>([
    ["a guest", { type: "guest", guestId: "g" }],
    ["a user administrator", { type: "administrator", id: "u", role: "userAdministrator" }],
    ["a directory reader", { type: "administrator", id: "r", role: "directoryReader" }],
    ["an application that may read applications", { type: "application", clientId: "c", permissions: ["Application.Read.All"] }],
  ])("refuses %s every change, and audits nothing", async (_name, actor) => {
    const { memory, administration } = setup();
    const { application } = await administration.register(cli, input);
    const before = memory.audit.length;
    await expect(administration.register(actor, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(administration.addSecret(actor, "woodgrove", application.clientId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(administration.rotateKeys(actor, "woodgrove")).rejects.toMatchObject({ code: "forbidden" });
    expect(memory.audit).toHaveLength(before);
    expect(memory.keys).toHaveLength(0);
  });

  it("lets a global administrator change, and readers list", async () => {
    const { memory, administration } = setup();
    const admin: Actor = { type: "administrator", id: "admin@woodgrove.example", role: "globalAdministrator" };
    await administration.register(admin, input);
    expect(memory.audit[0]!.actor).toEqual(admin);
    expect(
      await administration.list({ type: "application", clientId: "c", permissions: ["Application.Read.All"] }, "woodgrove"),
    ).toHaveLength(1);
    await expect(administration.list({ type: "guest", guestId: "g" }, "woodgrove")).rejects.toMatchObject({ code: "forbidden" });
  });
});
