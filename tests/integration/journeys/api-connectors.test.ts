// Entra's workforce API connector contract (graph-contracts §6.1) in the sign-up journey: a real
// connector over HTTP (and one over mutual TLS) answers each kind of response, and each failure
// takes the connector's configured path. Connectors are stored (secrets sealed) in a real database
// and audited there; the journey runs on the engine's in-memory harness.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLogOn, createApiConnectorStore } from "../../../app/_lib/db";
import type { SystemActor } from "../../../app/_lib/directory";
import {
  apiConnectorHooks,
  createApiConnectorService,
  openSecret,
  type ApiConnectorInput,
  type ApiConnectorService,
  type UserFlow,
} from "../../../app/_lib/journeys";
import { journeyHarness, SIGN_UP_ATTRIBUTES } from "../../../app/_lib/journeys/engine/test-harness";
import { demoFlow } from "../../../app/_lib/journeys/user-flows/test-fixtures";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";
import {
  makeMutualTls,
  startConnectorServer,
  startMutualTlsConnectorServer,
  type ConnectorServer,
  type MutualTls,
} from "../../helpers/connector-server";
import nl from "../../../messages/nl.json";

const TENANT = "woodgrove";
const APP = "3c1e0a9b5d7f4e21a0b6c8d4e2f19a77";
const SYSTEM: SystemActor = { type: "system", name: "test" };
const kek = randomBytes(32);

describe.each(testDatabaseProviders())("API connectors in sign-up on %s", (provider) => {
  let db: TestDatabase;
  let connectors: ApiConnectorService;
  let server: ConnectorServer;
  let mtls: MutualTls & { cert: string; key: string; cleanup(): Promise<void> };
  let tlsServer: ConnectorServer;
  const logs: { level: string; message: string; fields: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    connectors = createApiConnectorService({ store: createApiConnectorStore(db.prisma), kek, allowLoopbackHttp: true });
    server = await startConnectorServer(42610 + (provider === "sqlite" ? 0 : 1));
    mtls = await makeMutualTls();
    tlsServer = await startMutualTlsConnectorServer(mtls, 42620 + (provider === "sqlite" ? 0 : 1));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await tlsServer?.stop();
    await mtls?.cleanup();
    await db?.drop();
  });
  beforeEach(() => {
    server.received.length = 0;
    server.answers.length = 0;
    server.fallback = { body: { version: "1.0.0", action: "Continue" } };
    logs.length = 0;
  });

  const basic = (extra: ApiConnectorInput = {}) =>
    connectors.create(SYSTEM, TENANT, {
      displayName: "Check partner",
      targetUrl: server.url,
      authentication: { type: "basic", username: "gg", password: "s3cr3t:with colon" },
      ...extra,
    });

  /** A sign-up journey whose flow calls these connectors. */
  function harness(apiConnectors: UserFlow["apiConnectors"]) {
    const flow: UserFlow = { ...demoFlow("woodgrove"), identityProviders: ["email"], apiConnectors };
    const store = createApiConnectorStore(db.prisma);
    const hooks = apiConnectorHooks({
      flow: async () => flow,
      connector: (tenantId, id) => store.get(tenantId, id),
      openSecret: (row) => openSecret(kek, row),
      extensionsAppId: () => APP,
      allowLoopbackHttp: true,
      audit: auditLogOn(db.prisma),
      log: (level, message, fields) => void logs.push({ level, message, fields }),
      ca: mtls.ca,
    });
    return journeyHarness(flow, { hooks });
  }

  const auditOf = (journeyId: string) =>
    db.prisma.auditEvent.findMany({ where: { correlationId: journeyId, type: { startsWith: "apiConnector." } } });

  describe("postAttributeCollection", () => {
    it("sends Entra's request with HTTP Basic, and Continue overwrites only what the flow collects", async () => {
      const connector = await basic();
      const h = harness({ postAttributeCollection: connector.id });
      server.answers.push({
        body: {
          version: "1.0.0",
          ACTION: "continue",
          givenName: "Anna",
          [`extension_${APP}_dietaryPreference`]: "vegetarian",
          userType: "Member",
          email: "evil@example.com",
          mail: "evil@example.com",
          identities: [{ signInType: "federated", issuer: "evil", issuerAssignedId: "x" }],
          tenantId: "contoso",
          country: "Narnia",
        },
      });
      const j = await h.throughPasscode();
      const outcome = await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect(outcome).toMatchObject({ kind: "redirect" });

      const [sent] = server.received;
      expect(sent!.headers.authorization).toBe(`Basic ${Buffer.from("gg:s3cr3t:with colon").toString("base64")}`);
      expect(sent!.headers["content-type"]).toMatch(/^application\/json/);
      expect(sent!.body).toEqual({
        email: "ann@example.com",
        identities: [{ signInType: "federated", issuer: "mail", issuerAssignedId: "ann@example.com" }],
        displayName: "Ann de Vries",
        givenName: "Ann",
        surname: "de Vries",
        country: "NL",
        [`extension_${APP}_dietaryPreference`]: "vegan",
        ui_locales: "nl",
        guestgate: { step: "postAttributeCollection", flowId: "signup-signin", clientId: expect.any(String) },
      });
      const [guest] = h.directory.all();
      expect(guest).toMatchObject({ userType: "Guest", email: "ann@example.com", tenantId: TENANT });
      // Overwritten where the flow collects it and the value passes the form's rules; the rest ignored.
      expect(guest!.attributes).toEqual({
        ...SIGN_UP_ATTRIBUTES,
        country: "NL",
        givenName: "Anna",
        dietaryPreference: "vegetarian",
      });
      const [event] = await auditOf(j.id);
      expect(event).toMatchObject({ type: "apiConnector.called", targetId: connector.id, actorType: "system" });
    });

    it("a custom claim may omit extension_<app>_, and keys and the action are read in any case", async () => {
      const h = harness({ postAttributeCollection: (await basic()).id });
      server.answers.push({ body: { Version: "1.0.0", Action: "CONTINUE", DietaryPreference: "halal" } });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect(h.directory.all()[0]!.attributes.dietaryPreference).toBe("halal");
    });

    it("ValidationError (HTTP 400) keeps the person on the form with the message, and nothing is created", async () => {
      const h = harness({ postAttributeCollection: (await basic()).id });
      server.answers.push({
        status: 400,
        body: { version: "1.0.0", status: "400", action: "ValidationError", userMessage: "Vul een geldig KvK-nummer in." },
      });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      const journey = await h.state(j.id);
      expect(journey.state).toBe("collectAttributes");
      expect(journey.ui.messages).toEqual([
        { id: "journey.apiConnector.message", context: { message: "Vul een geldig KvK-nummer in." } },
      ]);
      expect(journey.ui.values).toMatchObject({ givenName: "Ann" });
      expect(h.directory.all()).toEqual([]);
      // Corrected and sent again: this time the connector lets the person through.
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect(h.directory.all()).toHaveLength(1);
    });

    it("ShowBlockPage ends the journey on the block page with the userMessage, and nothing is created", async () => {
      const h = harness({ postAttributeCollection: (await basic()).id });
      server.answers.push({
        body: { version: "1.0.0", action: "ShowBlockPage", userMessage: "Uw aanvraag wacht op goedkeuring." },
      });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      const journey = await h.state(j.id);
      expect(journey.state).toBe("refused");
      expect(journey.ui.messages).toEqual([
        { id: "journey.apiConnector.message", context: { message: "Uw aanvraag wacht op goedkeuring." } },
      ]);
      expect(h.directory.all()).toEqual([]);
    });
  });

  describe("postFederationSignup", () => {
    it("Continue pre-fills the attribute page (only attributes the flow collects)", async () => {
      const h = harness({ postFederationSignup: (await basic()).id });
      server.answers.push({
        body: { version: "1.0.0", action: "Continue", givenName: "Anja", surname: "Berg", userType: "Member" },
      });
      const j = await h.throughPasscode();
      const journey = await h.state(j.id);
      expect(journey.state).toBe("collectAttributes");
      expect(journey.ui.values).toMatchObject({ givenName: "Anja", surname: "Berg" });
      expect(journey.ui.values).not.toHaveProperty("userType");
      expect(server.received[0]!.body).toMatchObject({ email: "ann@example.com", ui_locales: "nl" });
      expect(server.received[0]!.body.guestgate).toMatchObject({ step: "postFederationSignup" });
    });

    it("ShowBlockPage ends the journey before the form", async () => {
      const h = harness({ postFederationSignup: (await basic()).id });
      server.answers.push({ body: { version: "1.0.0", action: "ShowBlockPage", userMessage: "Geen toegang." } });
      const j = await h.throughPasscode();
      const journey = await h.state(j.id);
      expect(journey.state).toBe("refused");
      expect(journey.ui.messages[0]).toEqual({ id: "journey.apiConnector.message", context: { message: "Geen toegang." } });
    });

    it("ValidationError is not an answer of this step: the failure path", async () => {
      const h = harness({ postFederationSignup: (await basic()).id });
      server.answers.push({ status: 400, body: { version: "1.0.0", status: 400, action: "ValidationError", userMessage: "x" } });
      const j = await h.throughPasscode();
      expect((await h.state(j.id)).ui.messages).toEqual([{ id: "journey.apiConnector.unavailable" }]);
    });

    it("never runs for someone who already has an account (sign-in)", async () => {
      const h = harness({ postFederationSignup: (await basic()).id, postAttributeCollection: (await basic()).id });
      const first = await h.throughPasscode();
      await h.submit(first, SIGN_UP_ATTRIBUTES);
      const calls = server.received.length;
      expect(calls).toBe(2);
      const again = await h.throughPasscode();
      expect((await h.state(again.id)).state).toBe("completed");
      expect(server.received).toHaveLength(calls);
    });
  });

  describe("failures take the configured path, never show the connector's error, and are audited", () => {
    const failures: [string, () => void, RegExp][] = [
      ["a timeout", () => (server.fallback = { body: { action: "Continue" }, delayMs: 1200 }), /no answer within 300 ms/],
      ["a 500", () => (server.fallback = { status: 500, body: { error: "database down at db01.internal" } }), /HTTP 500/],
      ["malformed JSON", () => (server.fallback = { body: '{"action": "Continue",' }), /malformed JSON/],
      [
        "an oversized body",
        () => (server.fallback = { body: { action: "Continue", pad: "x".repeat(70_000) } }),
        /larger than 65536/,
      ],
      [
        "a wrong content type",
        () => (server.fallback = { contentType: "text/html", body: "<h1>Continue</h1>" }),
        /content type "text\/html"/,
      ],
      ["a 401", () => (server.fallback = { status: 401, body: { error: "bad credentials" } }), /HTTP 401/],
      ["an unknown action", () => (server.fallback = { body: { version: "1.0.0", action: "Approve" } }), /unknown action/],
      [
        "ShowBlockPage without userMessage",
        () => (server.fallback = { body: { action: "ShowBlockPage" } }),
        /without userMessage/,
      ],
    ];

    it.each(failures)("%s blocks with our localized message and creates nothing", async (_name, arrange, reason) => {
      arrange();
      const h = harness({ postAttributeCollection: (await basic({ timeoutMs: 300 })).id });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      const journey = await h.state(j.id);
      expect(journey.state).toBe("refused");
      expect(journey.ui.messages).toEqual([{ id: "journey.apiConnector.unavailable" }]);
      expect(JSON.stringify(journey.ui)).not.toMatch(/db01|bad credentials|<h1>/);
      expect(h.directory.all()).toEqual([]);
      const [event] = await auditOf(j.id);
      expect(event).toMatchObject({ type: "apiConnector.failed" });
      expect(JSON.parse(event!.data as string).reason).toMatch(reason);
      expect(logs.find((l) => l.level === "warn")?.fields).toMatchObject({
        correlationId: j.id,
        reason: expect.stringMatching(reason),
      });
    });

    it.each(failures)("%s with onFailure continue signs the person up as if there were no connector", async (_name, arrange) => {
      arrange();
      const h = harness({ postAttributeCollection: (await basic({ timeoutMs: 300, onFailure: "continue" })).id });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect((await h.state(j.id)).state).toBe("completed");
      expect(h.directory.all()[0]!.attributes).toEqual({ ...SIGN_UP_ATTRIBUTES, country: "NL" });
    });

    it("a timeout is tried once more when the connector allows one retry, within its time", async () => {
      server.answers.push(
        { body: { action: "Continue" }, delayMs: 1200 },
        { body: { action: "Continue", givenName: "Retried" } },
      );
      const h = harness({ postAttributeCollection: (await basic({ timeoutMs: 300, maxRetries: 1 })).id });
      const started = Date.now();
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect(Date.now() - started).toBeLessThan(1100);
      expect(server.received).toHaveLength(2);
      expect(h.directory.all()[0]!.attributes.givenName).toBe("Retried");
    });

    it("a deleted connector is a failure, not a crash", async () => {
      const connector = await basic();
      await connectors.remove(SYSTEM, TENANT, connector.id);
      const h = harness({ postAttributeCollection: connector.id });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect((await h.state(j.id)).ui.messages).toEqual([{ id: "journey.apiConnector.unavailable" }]);
    });
  });

  describe("client certificate (mTLS)", () => {
    it("presents the uploaded PKCS#12 certificate; the connector sees it signed by its CA", async () => {
      const connector = await connectors.create(SYSTEM, TENANT, {
        displayName: "mTLS",
        targetUrl: tlsServer.url,
        authentication: { type: "certificate", pkcs12: mtls.pkcs12, password: mtls.password },
      });
      expect(connector.certificate).toMatchObject({ thumbprint: expect.stringMatching(/^[0-9A-F]{40}$/) });
      tlsServer.answers.push({ body: { version: "1.0.0", action: "Continue", givenName: "Over TLS" } });
      const h = harness({ postAttributeCollection: connector.id });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect(tlsServer.received.at(-1)).toMatchObject({ authorized: true, clientSubject: "guestgate" });
      expect(tlsServer.received.at(-1)!.headers.authorization).toBeUndefined();
      expect(h.directory.all()[0]!.attributes.givenName).toBe("Over TLS");
    });

    it("a certificate from another CA is refused by the connector: the failure path", async () => {
      const connector = await connectors.create(SYSTEM, TENANT, {
        displayName: "stranger",
        targetUrl: tlsServer.url,
        authentication: { type: "certificate", pkcs12: mtls.strangerPkcs12, password: mtls.password },
      });
      const h = harness({ postAttributeCollection: connector.id });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect((await h.state(j.id)).state).toBe("refused");
      expect(h.directory.all()).toEqual([]);
    });
  });

  describe("stored connectors", () => {
    it("keeps the Basic password sealed under the key-encryption key, bound to its connector", async () => {
      const connector = await basic();
      const row = await db.prisma.apiConnector.findUniqueOrThrow({ where: { id: connector.id } });
      expect(row.secretSealed).not.toContain("s3cr3t");
      expect(openSecret(kek, row as never)).toEqual({ type: "basic", password: "s3cr3t:with colon" });
      expect(() => openSecret(kek, { ...(row as never as object), id: randomBytes(8).toString("hex") } as never)).toThrow();
    });

    it("refuses http outside loopback, timeouts above 2,000 ms and more than one retry", async () => {
      await expect(basic({ targetUrl: "http://hooks.example/api" })).rejects.toMatchObject({ code: "invalid" });
      await expect(basic({ timeoutMs: 2001 })).rejects.toMatchObject({ code: "invalid" });
      await expect(basic({ maxRetries: 2 })).rejects.toMatchObject({ code: "invalid" });
      const production = createApiConnectorService({ store: createApiConnectorStore(db.prisma), kek, allowLoopbackHttp: false });
      await expect(production.create(SYSTEM, TENANT, { displayName: "x", targetUrl: server.url })).rejects.toMatchObject({
        code: "invalid",
      });
      expect((await basic()).timeoutMs).toBe(1000);
    });
  });

  it("the messages exist in the journey's language", () => {
    expect(nl.journey.apiConnector.unavailable).toMatch(/later opnieuw/);
    expect(nl.journey.apiConnector.message).toBe("{message}");
  });
});
