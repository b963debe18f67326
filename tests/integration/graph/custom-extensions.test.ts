// identity/customAuthenticationExtensions and identity/authenticationEventListeners through the
// Graph API in process (real tokens, real services): Entra's shapes by @odata.type, Entra's
// registration rules as 400s, the permissions each route takes, and every change audited with the
// application that made it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticationEventsClientId, MANAGEMENT_PERMISSIONS } from "../../../app/_lib/oidc";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, TENANT } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const RESOURCE = "api://hooks.partner.example/7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77";
const extension = (type: string, extra: Record<string, unknown> = {}) => ({
  "@odata.type": `#microsoft.graph.${type}CustomExtension`,
  displayName: `A ${type} extension`,
  endpointConfiguration: {
    "@odata.type": "#microsoft.graph.httpRequestEndpoint",
    targetUrl: "https://hooks.partner.example/api",
  },
  authenticationConfiguration: { "@odata.type": "#microsoft.graph.azureAdTokenAuthentication", resourceId: RESOURCE },
  ...extra,
});

/** A Graph answer: an entity (its id) or an error (its code). */
type Answer = Record<string, unknown> & { id: string; error: { code: string } };

describe.each(testDatabaseProviders())("Graph custom authentication extensions on %s", (provider) => {
  let graph: GraphBed;
  let admin: string;

  beforeAll(async () => {
    graph = await createGraphBed(provider, { userFlowTenants: createTenantDirectory(loadTenantsConfig("tenants.json")) });
    admin = await graph.appToken([...MANAGEMENT_PERMISSIONS]);
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  const post = async (path: string, body: unknown, token = admin) => {
    const response = await graph.call("POST", `v1.0/${path}`, token, body);
    return { status: response.status, body: (await response.json()) as Answer };
  };

  it("creates each event's type and reads it back in Entra's shape", async () => {
    const otp = await post(
      "identity/customAuthenticationExtensions",
      extension("OnOtpSend", { behaviorOnError: { "@odata.type": "#microsoft.graph.fallbackToMicrosoftProviderOnError" } }),
    );
    expect(otp.status).toBe(201);
    expect(otp.body).toMatchObject({
      "@odata.type": "#microsoft.graph.onOtpSendCustomExtension",
      endpointConfiguration: { targetUrl: "https://hooks.partner.example/api" },
      authenticationConfiguration: { resourceId: RESOURCE },
      clientConfiguration: { timeoutInMilliseconds: 1000, maximumRetries: 0 },
      behaviorOnError: { "@odata.type": "#microsoft.graph.fallbackToMicrosoftProviderOnError" },
      guestgateBehaviorOnError: "continue",
    });
    const start = await post("identity/customAuthenticationExtensions", extension("onAttributeCollectionStart"));
    expect(start.body).toMatchObject({ behaviorOnError: null, guestgateBehaviorOnError: "block" });
    expect(start.body).not.toHaveProperty("claimsForTokenConfiguration");
  });

  it("refuses what Entra refuses, with 400 and a message that says what", async () => {
    const refusals: [string, Record<string, unknown>][] = [
      ["an unknown type", extension("onSomethingElse")],
      [
        "http to the internet",
        extension("onAttributeCollectionSubmit", { endpointConfiguration: { targetUrl: "http://hooks.partner.example/api" } }),
      ],
      [
        "a resource on another host",
        extension("onAttributeCollectionSubmit", { authenticationConfiguration: { resourceId: "api://elsewhere.example/7e21" } }),
      ],
      [
        "a timeout of 2001 ms",
        extension("onAttributeCollectionSubmit", { clientConfiguration: { timeoutInMilliseconds: 2001 } }),
      ],
      ["two retries", extension("onAttributeCollectionSubmit", { clientConfiguration: { maximumRetries: 2 } })],
      [
        "token claims on an attribute extension",
        extension("onAttributeCollectionSubmit", { claimsForTokenConfiguration: [{ claimIdInApiResponse: "Tier" }] }),
      ],
      ["an unknown property", extension("onAttributeCollectionSubmit", { secret: "x" })],
    ];
    for (const [what, body] of refusals) {
      const answer = await post("identity/customAuthenticationExtensions", body);
      expect(answer.status, what).toBe(400);
      expect(answer.body.error.code, what).toMatch(/Request_BadRequest|invalidRequest/);
    }
    expect(
      await graph.bed.db.prisma.customAuthenticationExtension.count({ where: { displayName: { contains: "onSomethingElse" } } }),
    ).toBe(0);
  });

  it("attaches token issuance to applications by a listener, and only a token-issuance extension", async () => {
    const claims = await post(
      "identity/customAuthenticationExtensions",
      extension("onTokenIssuanceStart", { claimsForTokenConfiguration: [{ claimIdInApiResponse: "CustomerTier" }] }),
    );
    const submit = await post("identity/customAuthenticationExtensions", extension("onAttributeCollectionSubmit"));
    const listenerOf = (id: string) => ({
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartListener",
      conditions: { applications: { includeApplications: [{ appId: "e2e5a1f0-3c4d-4e6f-8a9b-0c1d2e3f4a51" }] } },
      handler: { "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtensionHandler", customExtension: { id } },
    });
    expect((await post("identity/authenticationEventListeners", listenerOf(submit.body.id))).status).toBe(400);
    const listener = await post("identity/authenticationEventListeners", listenerOf(claims.body.id));
    expect(listener.status).toBe(201);
    expect(listener.body).toMatchObject({
      conditions: { applications: { includeApplications: [{ appId: "e2e5a1f0-3c4d-4e6f-8a9b-0c1d2e3f4a51" }] } },
      handler: { customExtension: { id: claims.body.id } },
    });
    // What a receiver is configured with: the audience, the caller's id and the issuer.
    const check = await post(`identity/customAuthenticationExtensions/${claims.body.id}/validateAuthenticationConfiguration`, {});
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      errors: [],
      "@guestgate.audience": "7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77",
      "@guestgate.authorizedParty": authenticationEventsClientId("0b0c0d0e-0000-4000-8000-000000000001"),
      "@guestgate.issuer": `${BASE}/${TENANT}/v2.0`,
    });
    // A flow's event takes only an extension of that event.
    const flow = await post("identity/b2xUserFlows", { id: "Extended" });
    const attach = await graph.call(
      "PUT",
      `v1.0/identity/b2xUserFlows/${flow.body.id}/guestgateCustomAuthenticationExtensions/onAttributeCollectionSubmit/$ref`,
      admin,
      { "@odata.id": `https://graph.microsoft.com/v1.0/identity/customAuthenticationExtensions/${claims.body.id}` },
    );
    expect(attach.status).toBe(400);
  });

  it("takes CustomAuthenticationExtension.* and EventListener.* as Entra does, and audits the application that wrote", async () => {
    const reader = await graph.appToken(["CustomAuthenticationExtension.Read.All"]);
    const writer = await graph.appToken(["CustomAuthenticationExtension.ReadWrite.All"]);
    expect((await graph.call("GET", "v1.0/identity/customAuthenticationExtensions", reader)).status).toBe(200);
    expect((await post("identity/customAuthenticationExtensions", extension("onOtpSend"), reader)).status).toBe(403);
    expect((await graph.call("GET", "v1.0/identity/authenticationEventListeners", writer)).status).toBe(403);
    const created = await post(
      "identity/customAuthenticationExtensions",
      extension("onOtpSend", { displayName: "Audited" }),
      writer,
    );
    expect(created.status).toBe(201);
    const patched = await graph.call("PATCH", `v1.0/identity/customAuthenticationExtensions/${created.body.id}`, writer, {
      clientConfiguration: { timeoutInMilliseconds: 1500 },
    });
    expect(patched.status).toBe(204);
    expect((await graph.call("DELETE", `v1.0/identity/customAuthenticationExtensions/${created.body.id}`, writer)).status).toBe(
      204,
    );
    const events = await graph.bed.db.prisma.auditEvent.findMany({
      where: { targetId: created.body.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.type, e.actorType])).toEqual([
      ["customExtension.created", "application"],
      ["customExtension.updated", "application"],
      ["customExtension.deleted", "application"],
    ]);
    expect(new Set(events.map((e) => e.actorId)).size).toBe(1);
    expect(JSON.parse(events[1]!.data as string)).toEqual({ changed: ["timeoutMs"] });
  });
});
