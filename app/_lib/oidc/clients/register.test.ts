import { describe, expect, it } from "vitest";
import { sha256 } from "../crypto";
import { createMemoryRepositories } from "../testing/memory-repositories";
import { createApplicationAdmin, validateRegistration, type RegisterApplicationInput } from "./register";

const base: RegisterApplicationInput = {
  tenantId: "woodgrove",
  name: "App",
  clientType: "public",
  redirectUris: ["https://app.example/cb"],
};

describe("application registration", () => {
  it("accepts a public SPA and a confidential web app with management permissions", () => {
    expect(validateRegistration(base)).toEqual([]);
    expect(
      validateRegistration({
        ...base,
        clientType: "confidential",
        grantTypes: ["authorization_code", "refresh_token", "client_credentials"],
        permissions: ["User.Invite.All", "User.ReadWrite.All"],
      }),
    ).toEqual([]);
  });
  it.each([
    [{ redirectUris: [] }, /at least one/],
    [{ redirectUris: ["http://app.example/cb"] }, /loopback/],
    [{ postLogoutRedirectUris: ["https://app.example/#x"] }, /fragment/],
    [{ grantTypes: ["client_credentials"] }, /public client cannot use client_credentials/],
    [{ grantTypes: ["implicit"] }, /not supported/],
    [{ grantTypes: ["refresh_token"] }, /needs authorization_code/],
    [{ clientType: "confidential", grantTypes: ["authorization_code"], permissions: ["Directory.ReadWrite.All"] }, /not one of/],
    [{ clientType: "confidential", permissions: ["User.Read.All"] }, /add that grant type/],
    [{ clientId: "NOT-A-GUID" }, /GUID/],
    [{ name: "" }, /name/],
    [{ localizedDisplayNames: { de: "App" } as never }, /localizedDisplayNames\.de: not a page language/],
  ] as [Partial<RegisterApplicationInput>, RegExp][])("refuses %j", (change, problem) => {
    expect(validateRegistration({ ...base, ...change }).join("\n")).toMatch(problem);
  });

  it("stores the names per page language, trimmed, beside the display name", async () => {
    const { repositories } = createMemoryRepositories();
    const admin = createApplicationAdmin({ applications: repositories.applications, clock: { now: () => new Date() } });
    const { application } = await admin.register(
      { ...base, localizedDisplayNames: { sv: " Appen ", nl: "De app" } },
      { actor: { type: "system", name: "test" } },
    );
    expect((await repositories.applications.findByClientId(application.clientId))?.localizedDisplayNames).toEqual({
      nl: "De app",
      sv: "Appen",
    });
  });

  it("shows a confidential client's secret once and stores only its hash; rotation adds secrets", async () => {
    const memory = createMemoryRepositories();
    const admin = createApplicationAdmin({
      applications: memory.repositories.applications,
      clock: { now: () => new Date("2026-01-01T00:00:00Z") },
    });
    const { application, secret } = await admin.register({ ...base, clientType: "confidential" });
    expect(application.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(secret!.secret).toMatch(/^[\w-]{43}$/);
    expect(secret!.expiresAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    const stored = await memory.repositories.applications.secrets(application.id);
    expect(stored).toEqual([expect.objectContaining({ hash: sha256(secret!.secret), hint: secret!.secret.slice(0, 3) })]);
    await admin.addSecret("woodgrove", application.clientId);
    expect((await admin.list("woodgrove"))[0]!.secrets).toHaveLength(2);
    expect(JSON.stringify(await admin.list("woodgrove"))).not.toContain(secret!.secret);
    await expect(admin.addSecret("sparbanken", application.clientId)).rejects.toThrow(/no application/);
    await expect(admin.register({ ...base, clientId: application.clientId })).rejects.toThrow(/already in use/);
    const { secret: none } = await admin.register(base);
    expect(none).toBeUndefined();
  });
});
