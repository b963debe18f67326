// PATCH of identity/b2xUserFlows/{id} and the languages' defaultPages (contract §4.1, §4.2)
// through an unmodified @microsoft/microsoft-graph-client over the in-process API, with the
// shipped tenants file, on SQLite and (with TEST_DATABASE_URL) PostgreSQL: ids answered as
// B2X_1_<stored name> and matched in any case, all-or-nothing changes, audit with the caller, and
// defaultPages read-only in each language.
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import { OTHER_TENANT } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
const APP_A = "aaaaaaaa-0000-4000-8000-000000000001";
const APP_B = "aaaaaaaa-0000-4000-8000-000000000002";

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 204,
    (error: GraphError) => error.statusCode,
  );

describe.each(testDatabaseProviders())("PATCH of a user flow and its default pages on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;
  let reader: Client;

  const stored = (name: string) =>
    graph.bed.db.prisma.userFlow.findFirstOrThrow({ where: { tenantId: "woodgrove", name }, include: { applications: true } });

  beforeAll(async () => {
    graph = await createGraphBed(provider, { userFlowTenants: tenants });
    client = graph.client(await graph.appToken(["IdentityUserFlow.ReadWrite.All"]));
    reader = graph.client(await graph.appToken(["IdentityUserFlow.Read.All"]));
    await client.api("/identity/b2xUserFlows").post({ id: "Partners", guestgateApplications: [APP_A] });
    await client.api("/identity/b2xUserFlows").post({ id: "Suppliers" });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("answers the id as B2X_1_<name> and finds it in any case", async () => {
    for (const id of ["B2X_1_partners", "B2X_1_Partners", "b2x_1_PARTNERS"])
      expect((await reader.api(`/identity/b2xUserFlows/${id}`).get()).id).toBe("B2X_1_partners");
  });

  it("moves applications between flows and changes the providers, audited with the calling application", async () => {
    const before = await stored("partners");
    await client
      .api("/identity/b2xUserFlows/B2X_1_Partners")
      .patch({ guestgateApplications: [APP_A, APP_B], identityProviders: [{ id: "EmailOtpSignup-OAUTH" }] });
    const after = await stored("partners");
    expect(after.applications.map((a) => a.clientId).sort()).toEqual([APP_A, APP_B]);
    expect(JSON.parse(after.definition)).toMatchObject({ applications: [APP_A, APP_B], identityProviders: ["email"] });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime() - 1);
    const read = await reader.api("/identity/b2xUserFlows/b2x_1_partners").get();
    expect(read).toMatchObject({ id: "B2X_1_partners", guestgateApplications: [APP_A, APP_B] });

    const event = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({
      where: { type: "userFlow.updated", targetId: "partners" },
      orderBy: { createdAt: "desc" },
    });
    expect(event.actorType).toBe("application");
    expect(JSON.parse(event.data)).toMatchObject({ change: "flowUpdated", applications: 2, identityProviders: 1 });
  });

  it("changes nothing when one part is refused", async () => {
    const before = await stored("suppliers");
    // APP_A starts Partners: taking it is a conflict, and the provider change in the same PATCH is not kept.
    const conflict = await client
      .api("/identity/b2xUserFlows/B2X_1_suppliers")
      .patch({ guestgateApplications: [APP_A], identityProviders: [{ id: "EmailOtpSignup-OAUTH" }] })
      .catch((error: GraphError) => error);
    // Conflicts answer as Graph's directory does: 400 Request_BadRequest, naming the application.
    expect((conflict as GraphError).statusCode).toBe(400);
    expect((conflict as GraphError).message).toMatch(/an application starts one user flow/);
    expect((await stored("suppliers")).definition).toBe(before.definition);
    expect((await stored("suppliers")).applications).toEqual([]);

    expect(await status(client.api("/identity/b2xUserFlows/B2X_1_suppliers").patch({ id: "B2X_1_Other" }))).toBe(400);
    expect(
      await status(client.api("/identity/b2xUserFlows/B2X_1_suppliers").patch({ identityProviders: [{ id: "Nope-OAUTH" }] })),
    ).toBe(400);
    expect(await status(client.api("/identity/b2xUserFlows/B2X_1_suppliers").patch({ displayName: "x" }))).toBe(400);
    expect(
      await status(
        client
          .api("/identity/b2xUserFlows/B2X_1_suppliers")
          .patch({ apiConnectorConfiguration: { postAttributeCollection: { "@odata.id": "x" } } }),
      ),
    ).toBe(501);
    // The same id in another case is no change; an unknown flow is 404; a reader may not write.
    expect(await status(client.api("/identity/b2xUserFlows/B2X_1_suppliers").patch({ id: "B2X_1_Suppliers" }))).toBe(204);
    expect(await status(client.api("/identity/b2xUserFlows/B2X_1_nothere").patch({}))).toBe(404);
    expect(await status(reader.api("/identity/b2xUserFlows/B2X_1_suppliers").patch({ guestgateApplications: [] }))).toBe(403);
    expect((await stored("suppliers")).definition).toBe(before.definition);
  });

  it("serves the default page of each language, read-only, in the override format", async () => {
    const pages = await reader.api("/identity/b2xUserFlows/B2X_1_partners/languages/nl/defaultPages").get();
    expect(pages.value).toEqual([{ id: "selfasserted1_1" }]);
    const page = await reader.api("/identity/b2xUserFlows/B2X_1_partners/languages/nl/defaultPages/selfasserted1_1/$value").get();
    const strings = (typeof page === "string" ? JSON.parse(page) : page) as { LocalizedStrings: Record<string, unknown>[] };
    expect(strings.LocalizedStrings).toContainEqual({
      ElementType: "UxElement",
      ElementId: null,
      StringId: "button_continue",
      Override: false,
      Value: "Doorgaan",
    });
    const english = await reader
      .api("/identity/b2xUserFlows/B2X_1_partners/languages/en/defaultPages/selfasserted1_1/$value")
      .get();
    expect(JSON.stringify(english)).toContain('"Value":"Continue"');

    expect(await status(reader.api("/identity/b2xUserFlows/B2X_1_partners/languages/nl/defaultPages/other/$value").get())).toBe(
      404,
    );
    expect(await status(reader.api("/identity/b2xUserFlows/B2X_1_partners/languages/xx/defaultPages").get())).toBe(404);
    expect(
      await status(
        client.api("/identity/b2xUserFlows/B2X_1_partners/languages/nl/defaultPages/selfasserted1_1/$value").put("{}"),
      ),
    ).toBe(405);
  });

  it("keeps another tenant's caller out", async () => {
    const foreign = graph.client(await graph.appToken(["IdentityUserFlow.ReadWrite.All"], OTHER_TENANT), OTHER_TENANT);
    expect(await status(foreign.api("/identity/b2xUserFlows/B2X_1_partners").patch({ guestgateApplications: [] }))).toBe(404);
    expect((await stored("partners")).applications).toHaveLength(2);
  });

  it("turns the sign-up approval queue on and off with guestgateSignUpApproval, checked as the user-flows file is", async () => {
    const flow = "/identity/b2xUserFlows/B2X_1_suppliers";
    await client.api(flow).patch({ guestgateSignUpApproval: { autoApproveDomains: ["partner.example"], autoDenyAfterDays: 10 } });
    expect(await reader.api(flow).get()).toMatchObject({
      guestgateSignUpApproval: { autoApproveDomains: ["partner.example"], autoDenyAfterDays: 10 },
    });
    expect(JSON.parse((await stored("suppliers")).definition).signUpApproval).toEqual({
      autoApproveDomains: ["partner.example"],
      autoDenyAfterDays: 10,
    });
    // The file's rules: days 1–365, domains in lower case, no unknown setting; a refusal changes nothing.
    expect(await status(client.api(flow).patch({ guestgateSignUpApproval: { autoDenyAfterDays: 0 } }))).toBe(400);
    expect(await status(client.api(flow).patch({ guestgateSignUpApproval: { autoApproveDomains: ["Partner.Example"] } }))).toBe(
      400,
    );
    expect(await status(client.api(flow).patch({ guestgateSignUpApproval: { autoApprove: true } }))).toBe(400);
    expect((await reader.api(flow).get()).guestgateSignUpApproval).toMatchObject({ autoDenyAfterDays: 10 });
    // Connected organisations: true (every configured one), or a list of ids (GUIDs, each once).
    const organization = "0b7c5a0e-3d2f-4e61-9a7c-2f4d1e8b6a11";
    await client.api(flow).patch({ guestgateSignUpApproval: { autoApproveConnectedOrganizations: true } });
    expect((await reader.api(flow).get()).guestgateSignUpApproval).toEqual({ autoApproveConnectedOrganizations: true });
    await client.api(flow).patch({ guestgateSignUpApproval: { autoApproveConnectedOrganizations: [organization] } });
    expect(JSON.parse((await stored("suppliers")).definition).signUpApproval).toEqual({
      autoApproveConnectedOrganizations: [organization],
    });
    for (const wrong of [["not-a-guid"], [organization, organization], "yes"])
      expect(
        await status(client.api(flow).patch({ guestgateSignUpApproval: { autoApproveConnectedOrganizations: wrong } })),
      ).toBe(400);
    expect((await reader.api(flow).get()).guestgateSignUpApproval).toEqual({ autoApproveConnectedOrganizations: [organization] });
    await client.api(flow).patch({ guestgateSignUpApproval: null });
    expect((await reader.api(flow).get()).guestgateSignUpApproval).toBeNull();
  });
});
