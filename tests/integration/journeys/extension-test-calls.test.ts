// "Send a test call" (the admin portal's button) for API connectors and custom authentication
// extensions: a sample request of each contract goes to a real local HTTP server through the
// journey's own machinery (timeouts, the 64 KiB limit, the content type, Basic or Guestgate's own
// bearer token), and the outcome is what the journey would read — the action, or the failure's
// kind, never the server's body — audited with the administrator on a real database.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiConnectorStore, createCustomExtensionStore } from "../../../app/_lib/db";
import type { AdministratorActor } from "../../../app/_lib/directory";
import {
  createApiConnectorService,
  createCustomExtensionService,
  SAMPLE_PERSON,
  type ApiConnectorService,
  type CustomExtensionService,
} from "../../../app/_lib/journeys";
import { startConnectorServer, type ConnectorServer } from "../../helpers/connector-server";
import { testDatabaseProviders } from "../../helpers/database";
import { createTestbed, ISSUER, OTHER_TENANT, TENANT, TENANT_GUID, type Testbed } from "../oidc/harness";

const ADMIN: AdministratorActor = { type: "administrator", id: "admin-1", role: "globalAdministrator", displayName: "Ada" };
const READER: AdministratorActor = { type: "administrator", id: "reader-1", role: "directoryReader" };
const EXTENSION_APP_ID = "5d7f4e21-a0b6-4e21-a0b6-c8d4e2f19a77";
const extensionAnswer = (data: string, action: string, fields: Record<string, unknown> = {}) => ({
  data: { "@odata.type": `microsoft.graph.${data}`, actions: [{ "@odata.type": `microsoft.graph.${action}`, ...fields }] },
});

describe.each(testDatabaseProviders())("test calls on %s", (provider) => {
  let bed: Testbed;
  let server: ConnectorServer;
  let connectors: ApiConnectorService;
  let extensions: CustomExtensionService;

  beforeAll(async () => {
    bed = await createTestbed(provider);
    server = await startConnectorServer();
    connectors = createApiConnectorService({
      store: createApiConnectorStore(bed.db.prisma),
      kek: randomBytes(32),
      allowLoopbackHttp: true,
    });
    extensions = createCustomExtensionService({
      store: createCustomExtensionStore(bed.db.prisma),
      allowLoopbackHttp: true,
      bearerToken: (tenantId, audience) => bed.op.extensionToken(tenantId, audience),
      tenantGuid: () => TENANT_GUID,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await bed?.close();
  });
  beforeEach(() => {
    server.received.length = 0;
    server.answers.length = 0;
    server.fallback = { body: { version: "1.0.0", action: "Continue" } };
  });

  const connector = (timeoutMs = 1000) =>
    connectors.create(ADMIN, TENANT, {
      displayName: "Partner check",
      targetUrl: server.url,
      authentication: { type: "basic", username: "gg", password: "pa55word" },
      timeoutMs,
    });
  const testAudit = (id: string) =>
    bed.db.prisma.auditEvent.findMany({ where: { targetId: id, type: { endsWith: ".tested" } }, orderBy: { createdAt: "asc" } });

  describe("an API connector", () => {
    it("sends Entra's request for the sample person in the chosen language with Basic, and shows Continue", async () => {
      const { id } = await connector();
      server.answers.push({ body: { version: "1.0.0", action: "Continue", givenName: "Tess", jobTitle: "Buyer" } });
      const outcome = await connectors.testCall(ADMIN, TENANT, id, { step: "postAttributeCollection", locale: "fr" });
      expect(outcome).toMatchObject({ outcome: "continue", httpStatus: 200, attempts: 1, names: ["givenName", "jobTitle"] });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(0);

      const [sent] = server.received;
      expect(sent!.headers.authorization).toBe(`Basic ${Buffer.from("gg:pa55word").toString("base64")}`);
      expect(sent!.headers["content-type"]).toMatch(/^application\/json/);
      expect(sent!.body).toEqual({
        email: SAMPLE_PERSON.email,
        identities: [{ signInType: "federated", issuer: "mail", issuerAssignedId: SAMPLE_PERSON.email }],
        displayName: "Test Person",
        givenName: "Test",
        surname: "Person",
        country: "NL",
        ui_locales: "fr",
        guestgate: { step: "postAttributeCollection", flowId: "", clientId: "", test: true },
      });
      const [event] = await testAudit(id);
      expect(event).toMatchObject({ type: "apiConnector.tested", actorType: "administrator", actorId: ADMIN.id });
      expect(JSON.parse(event!.data)).toMatchObject({ step: "postAttributeCollection", outcome: "continue", httpStatus: 200 });
    });

    it("shows ShowBlockPage and ValidationError with the connector's message", async () => {
      const { id } = await connector();
      server.answers.push({ body: { version: "1.0.0", action: "ShowBlockPage", userMessage: "Not a supplier <b>here</b>." } });
      expect(await connectors.testCall(ADMIN, TENANT, id, { step: "postFederationSignup", locale: "nl" })).toMatchObject({
        outcome: "block",
        message: "Not a supplier <b>here</b>.",
      });
      // postFederationSignup sends no attributes yet.
      expect(Object.keys(server.received[0]!.body).sort()).toEqual(["email", "guestgate", "identities", "ui_locales"]);
      server.answers.push({
        status: 400,
        body: { version: "1.0.0", action: "ValidationError", status: 400, userMessage: "x".repeat(5000) },
      });
      const invalid = await connectors.testCall(ADMIN, TENANT, id, { step: "postAttributeCollection", locale: "nl" });
      expect(invalid).toMatchObject({ outcome: "validationError", httpStatus: 400 });
      expect(invalid.message).toHaveLength(1024);
    });

    it("reports each failure by its kind, never the connector's body", async () => {
      const { id } = await connector(300);
      const run = () => connectors.testCall(ADMIN, TENANT, id, { step: "postAttributeCollection", locale: "en" });
      server.answers.push({ status: 500, body: { error: "stack trace with db password hunter2" } });
      const failed = await run();
      expect(failed).toMatchObject({ outcome: "failed", httpStatus: 500, reason: "HTTP 500" });
      expect(JSON.stringify(failed)).not.toContain("hunter2");

      server.answers.push({ body: { ok: true }, delayMs: 800 });
      expect(await run()).toMatchObject({ outcome: "failed", reason: "no answer within 300 ms" });
      server.answers.push({ body: "x".repeat(70 * 1024), contentType: "application/json" });
      expect(await run()).toMatchObject({ outcome: "failed", reason: `answer larger than ${64 * 1024} bytes` });
      server.answers.push({ body: "<html>oops</html>", contentType: "text/html" });
      expect(await run()).toMatchObject({ outcome: "failed", reason: 'content type "text/html"' });
      server.answers.push({ body: "{not json", contentType: "application/json" });
      expect(await run()).toMatchObject({ outcome: "failed", reason: "malformed JSON" });

      const events = await testAudit(id);
      expect(events.map((e) => JSON.parse(e.data).outcome)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
      expect(events.every((e) => !e.data.includes("hunter2"))).toBe(true);
    });

    it("is for writers of this tenant's connectors only", async () => {
      const { id } = await connector();
      const call = (actor: AdministratorActor, tenant: string) =>
        connectors.testCall(actor, tenant, id, { step: "postAttributeCollection", locale: "en" });
      await expect(call(READER, TENANT)).rejects.toMatchObject({ code: "forbidden" });
      await expect(call(ADMIN, OTHER_TENANT)).rejects.toMatchObject({ code: "notFound" });
      expect(server.received).toHaveLength(0);
      expect(await testAudit(id)).toEqual([]);
    });
  });

  describe("a custom authentication extension", () => {
    const register = (eventType: "onAttributeCollectionSubmit" | "onTokenIssuanceStart") =>
      extensions.create(ADMIN, TENANT, {
        eventType,
        displayName: "Name check",
        targetUrl: server.url,
        resourceId: `api://127.0.0.1/${EXTENSION_APP_ID}`,
        ...(eventType === "onTokenIssuanceStart" ? { tokenClaims: ["partnerTier"] } : {}),
      });

    it("sends the event's envelope with Guestgate's own bearer token, and shows showValidationError", async () => {
      const { id } = await register("onAttributeCollectionSubmit");
      server.answers.push({
        body: extensionAnswer("onAttributeCollectionSubmitResponseData", "attributeCollectionSubmit.showValidationError", {
          message: "Check your name.",
          attributeErrors: { surname: "Use your legal surname." },
        }),
      });
      const outcome = await extensions.testCall(ADMIN, TENANT, id, { locale: "sv" });
      expect(outcome).toMatchObject({
        outcome: "validationError",
        httpStatus: 200,
        message: "Check your name.",
        names: ["surname"],
      });

      const [sent] = server.received;
      const claims = await bed.verify(String(sent!.headers.authorization).replace(/^Bearer /, ""), EXTENSION_APP_ID);
      expect(claims).toMatchObject({ iss: ISSUER, aud: EXTENSION_APP_ID, tid: TENANT_GUID });
      expect(sent!.body).toMatchObject({
        type: "microsoft.graph.authenticationEvent.attributeCollectionSubmit",
        data: {
          tenantId: TENANT_GUID,
          customAuthenticationExtensionId: id,
          authenticationContext: { client: { locale: "sv" } },
          userSignUpInfo: { attributes: { surname: { value: "Person" } } },
        },
      });
      const [event] = await testAudit(id);
      expect(event).toMatchObject({ type: "customExtension.tested", actorType: "administrator", actorId: ADMIN.id });
    });

    it("shows the claims a token-issuance extension provides, and a malformed answer as a failure", async () => {
      const { id } = await register("onTokenIssuanceStart");
      server.answers.push({
        body: extensionAnswer("onTokenIssuanceStartResponseData", "tokenIssuanceStart.provideClaimsForToken", {
          claims: { partnerTier: "gold", costCentre: "42" },
        }),
      });
      expect(await extensions.testCall(ADMIN, TENANT, id, { locale: "en" })).toMatchObject({
        outcome: "claims",
        names: ["costCentre", "partnerTier"],
      });
      expect(server.received[0]!.body).toMatchObject({
        type: "microsoft.graph.authenticationEvent.tokenIssuanceStart",
        data: { authenticationContext: { user: { mail: SAMPLE_PERSON.email, userType: "Guest" } } },
      });
      server.answers.push({ body: { data: { actions: [] } } });
      expect(await extensions.testCall(ADMIN, TENANT, id, { locale: "en" })).toMatchObject({ outcome: "failed" });
      await expect(extensions.testCall(READER, TENANT, id, { locale: "en" })).rejects.toMatchObject({ code: "forbidden" });
    });
  });
});
