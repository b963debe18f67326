// OnTokenIssuanceStart (graph-contracts §6.2–6.3): a listener attaches a custom claims provider to
// one application; a real provider over HTTP answers provideClaimsForToken, and the claims it may
// give (claimsForTokenConfiguration) appear in that application's ID and access tokens only,
// on every token (refresh too, never cached), and never replace a protected claim.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLogOn, createCustomExtensionStore } from "../../../app/_lib/db";
import type { SystemActor } from "../../../app/_lib/directory";
import { createCustomExtensionService, tokenIssuanceClaims, type CustomExtensionService } from "../../../app/_lib/journeys";
import { authenticationEventsClientId } from "../../../app/_lib/oidc";
import { startConnectorServer, type ConnectorServer } from "../../helpers/connector-server";
import { testDatabaseProviders } from "../../helpers/database";
import { createTestbed, ISSUER, obtainCode, REDIRECT, TENANT, TENANT_GUID, tokenRequest, type Testbed } from "./harness";

const SYSTEM: SystemActor = { type: "system", name: "test" };
const EXTENSION_APP_ID = "9d4c1e0a-5d7f-4e21-a0b6-c8d4e2f19a77";

const claimsAnswer = (claims: Record<string, unknown>) => ({
  data: {
    "@odata.type": "microsoft.graph.onTokenIssuanceStartResponseData",
    actions: [{ "@odata.type": "microsoft.graph.tokenIssuanceStart.provideClaimsForToken", claims }],
  },
});

describe.each(testDatabaseProviders())("OnTokenIssuanceStart on %s", (provider) => {
  let bed: Testbed;
  let server: ConnectorServer;
  let extensions: CustomExtensionService;
  let guestId: string;

  beforeAll(async () => {
    server = await startConnectorServer(42640 + (provider === "sqlite" ? 0 : 1));
    bed = await createTestbed(provider, {
      tokenIssuanceClaims: (op) => {
        const claims = tokenIssuanceClaims({
          listeners: (tenantId) => store.listeners(tenantId),
          extension: (tenantId, id) => store.get(tenantId, id),
          tenantGuid: () => TENANT_GUID,
          bearerToken: (tenantId, audience) => op().extensionToken(tenantId, audience),
          allowLoopbackHttp: true,
          audit: { append: (event) => auditLogOn(bed.db.prisma).append(event) },
          log: () => {},
        });
        return (guest, clientId, correlationId) => claims(guest.tenantId, clientId, guest, correlationId);
      },
    });
    const store = createCustomExtensionStore(bed.db.prisma);
    extensions = createCustomExtensionService({ store, allowLoopbackHttp: true });
    guestId = await bed.guest({ email: "ann@example.com", displayName: "Ann de Vries", attributes: { givenName: "Ann" } });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await bed?.close();
  });
  beforeEach(() => {
    server.received.length = 0;
    server.answers.length = 0;
  });

  async function attach(appIds: string[], extra: { onFailure?: "block" | "continue" } = {}) {
    const extension = await extensions.create(SYSTEM, TENANT, {
      eventType: "onTokenIssuanceStart",
      displayName: "Claims from the CRM",
      targetUrl: server.url,
      resourceId: `api://127.0.0.1/${EXTENSION_APP_ID}`,
      tokenClaims: ["CustomerTier", "CustomRoles", "nonce", "sub", "email", "Tid"],
      ...extra,
    });
    const listener = await extensions.listeners.create(SYSTEM, TENANT, { extensionId: extension.id, appIds });
    return { extension, listener };
  }

  async function tokensFor(clientId: string, nonce = "n-0S6_WzA2Mj") {
    const { code, verifier } = await obtainCode(bed, { clientId, guestId, scope: "openid email offline_access", nonce });
    const response = await tokenRequest(bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: clientId,
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  }

  it("puts the listed claims in this application's ID and access tokens; protected claims stay Guestgate's", async () => {
    const app = await bed.publicClient();
    const { listener, extension } = await attach([app]);
    server.fallback = {
      body: claimsAnswer({
        CustomerTier: "gold",
        CustomRoles: ["Writer", "Editor"],
        NotListed: "dropped",
        sub: "attacker",
        nonce: "attacker",
        email: "evil@example.com",
        Tid: "x",
      }),
    };
    const { status, body } = await tokensFor(app);
    expect(status).toBe(200);
    const idToken = await bed.verify(body.id_token!, app);
    expect(idToken).toMatchObject({ CustomerTier: "gold", CustomRoles: ["Writer", "Editor"] });
    expect(idToken).toMatchObject({ sub: guestId, iss: ISSUER, aud: app, nonce: "n-0S6_WzA2Mj", email: "ann@example.com" });
    expect(idToken).not.toHaveProperty("NotListed");
    expect(idToken).not.toHaveProperty("Tid");
    const access = decodeJwt(body.access_token!);
    expect(access).toMatchObject({ CustomerTier: "gold", sub: guestId, client_id: app });

    // One call per token response, with Entra's envelope and a token for the provider's app id.
    expect(server.received).toHaveLength(1);
    const [sent] = server.received;
    const bearer = await bed.verify(String(sent!.headers.authorization).slice(7), EXTENSION_APP_ID);
    expect(bearer.azp).toBe(authenticationEventsClientId(TENANT_GUID));
    expect(sent!.body).toMatchObject({
      type: "microsoft.graph.authenticationEvent.tokenIssuanceStart",
      source: `/tenants/${TENANT_GUID}/applications/${app}`,
      data: {
        "@odata.type": "microsoft.graph.onTokenIssuanceStartCalloutData",
        tenantId: TENANT_GUID,
        authenticationEventListenerId: listener.id,
        customAuthenticationExtensionId: extension.id,
        authenticationContext: {
          protocol: "OAUTH2.0",
          clientServicePrincipal: { appId: app },
          user: { id: guestId, displayName: "Ann de Vries", mail: "ann@example.com", userType: "Guest", givenName: "Ann" },
        },
      },
    });

    // Asked again on refresh: nothing is cached past the token.
    server.fallback = { body: claimsAnswer({ CustomerTier: "platinum" }) };
    const refreshed = await tokenRequest(bed, {
      grant_type: "refresh_token",
      refresh_token: body.refresh_token!,
      client_id: app,
    });
    const again = (await refreshed.json()) as Record<string, string>;
    expect(decodeJwt(again.access_token!).CustomerTier).toBe("platinum");
    expect(server.received).toHaveLength(2);
  });

  it("another application's tokens get nothing, and its sign-in does not call the provider", async () => {
    const listed = await bed.publicClient();
    const other = await bed.publicClient();
    await attach([listed]);
    server.fallback = { body: claimsAnswer({ CustomerTier: "gold" }) };
    const { body } = await tokensFor(other);
    expect(decodeJwt(body.id_token!)).not.toHaveProperty("CustomerTier");
    expect(decodeJwt(body.access_token!)).not.toHaveProperty("CustomerTier");
    expect(server.received).toHaveLength(0);
  });

  it("a failing provider refuses the token when it blocks, and is left out when it continues", async () => {
    const blocking = await bed.publicClient();
    await attach([blocking]);
    server.fallback = { body: claimsAnswer({ CustomerTier: { nested: true } }) };
    const refused = await tokensFor(blocking);
    expect(refused.status).toBe(500);
    expect(refused.body).toMatchObject({ error: "server_error" });
    expect(refused.body.error_description).not.toMatch(/nested|127\.0\.0\.1/);

    const lenient = await bed.publicClient();
    await attach([lenient], { onFailure: "continue" });
    server.fallback = { status: 500, body: {} };
    const issued = await tokensFor(lenient);
    expect(issued.status).toBe(200);
    expect(decodeJwt(issued.body.id_token!)).not.toHaveProperty("CustomerTier");
    const failed = await bed.db.prisma.auditEvent.findMany({ where: { type: "customExtension.failed" } });
    expect(failed.map((e) => JSON.parse(e.data as string).reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/not a string or a string array/), "HTTP 500"]),
    );
  });

  it("refuses more than 3 KB of claims (Entra's 1003025)", async () => {
    const app = await bed.publicClient();
    await attach([app]);
    server.fallback = { body: claimsAnswer({ CustomerTier: "x".repeat(3100) }) };
    expect((await tokensFor(app)).status).toBe(500);
  });
});
