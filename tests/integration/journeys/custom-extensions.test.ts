// Entra's external-tenant custom authentication extension contract (graph-contracts §6.2) in the
// sign-up journey: a real extension over HTTP answers every action of OnAttributeCollectionStart,
// OnAttributeCollectionSubmit and OnOtpSend, and every failure takes the extension's configured
// path. Guestgate calls it with a bearer token its own OpenID provider issued, which the extension
// verifies against the tenant's published JWKS. Extensions and audit events live in a real database.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLogOn, createCustomExtensionStore } from "../../../app/_lib/db";
import type { SystemActor } from "../../../app/_lib/directory";
import {
  createCustomExtensionService,
  customExtensionHooks,
  customPasscodeDelivery,
  type CustomExtensionInput,
  type CustomExtensionService,
  type ExtensionEvent,
  type ExtensionHookPorts,
  type UserFlow,
} from "../../../app/_lib/journeys";
import { journeyHarness, SIGN_UP_ATTRIBUTES } from "../../../app/_lib/journeys/engine/test-harness";
import { demoFlow, WOODGROVE_SHOP } from "../../../app/_lib/journeys/user-flows/test-fixtures";
import { authenticationEventsClientId } from "../../../app/_lib/oidc";
import { testDatabaseProviders } from "../../helpers/database";
import { startConnectorServer, type ConnectorServer } from "../../helpers/connector-server";
import { createTestbed, ISSUER, TENANT, TENANT_GUID, type Testbed } from "../oidc/harness";
import nl from "../../../messages/nl.json";

const APP = "3c1e0a9b5d7f4e21a0b6c8d4e2f19a77";
/** The extension's own application id: the `aud` of the token it receives. */
const EXTENSION_APP_ID = "7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77";
const SYSTEM: SystemActor = { type: "system", name: "test" };

/** An answer in Entra's envelope: one action of the event's response data. */
const answer = (data: string, action: string, fields: Record<string, unknown> = {}) => ({
  data: { "@odata.type": `microsoft.graph.${data}`, actions: [{ "@odata.type": `microsoft.graph.${action}`, ...fields }] },
});
const start = (action: string, fields?: Record<string, unknown>) =>
  answer("onAttributeCollectionStartResponseData", `attributeCollectionStart.${action}`, fields);
const submit = (action: string, fields?: Record<string, unknown>) =>
  answer("onAttributeCollectionSubmitResponseData", `attributeCollectionSubmit.${action}`, fields);
const otpSent = answer("OnOtpSendResponseData", "OtpSend.continueWithDefaultBehavior");

describe.each(testDatabaseProviders())("custom authentication extensions in sign-up on %s", (provider) => {
  let bed: Testbed;
  let extensions: CustomExtensionService;
  let server: ConnectorServer;
  const logs: { level: string; message: string; fields: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    bed = await createTestbed(provider);
    extensions = createCustomExtensionService({ store: createCustomExtensionStore(bed.db.prisma), allowLoopbackHttp: true });
    server = await startConnectorServer(42630 + (provider === "sqlite" ? 0 : 1));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await bed?.close();
  });
  beforeEach(() => {
    server.received.length = 0;
    server.answers.length = 0;
    logs.length = 0;
  });

  const register = (eventType: ExtensionEvent, extra: CustomExtensionInput = {}) =>
    extensions.create(SYSTEM, TENANT, {
      eventType,
      displayName: `Check ${eventType}`,
      targetUrl: server.url,
      resourceId: `api://127.0.0.1/${EXTENSION_APP_ID}`,
      ...extra,
    });

  /** A sign-up journey whose flow calls these extensions, with the real provider's bearer tokens. */
  function harness(customAuthenticationExtensions: UserFlow["customAuthenticationExtensions"]) {
    const flow: UserFlow = { ...demoFlow("woodgrove"), identityProviders: ["email"], customAuthenticationExtensions };
    const store = createCustomExtensionStore(bed.db.prisma);
    const ports: ExtensionHookPorts = {
      flow: async () => flow,
      extension: (tenantId, id) => store.get(tenantId, id),
      tenantGuid: () => TENANT_GUID,
      extensionsAppId: () => APP,
      bearerToken: (tenantId, audience) => bed.op.extensionToken(tenantId, audience),
      allowLoopbackHttp: true,
      audit: auditLogOn(bed.db.prisma),
      log: (level, message, fields) => void logs.push({ level, message, fields }),
    };
    const h = journeyHarness(flow, { hooks: customExtensionHooks(ports) });
    h.deps.deliverPasscode = customPasscodeDelivery(ports);
    return h;
  }

  const auditOf = (journeyId: string) =>
    bed.db.prisma.auditEvent.findMany({ where: { correlationId: journeyId, type: { startsWith: "customExtension." } } });

  describe("the request", () => {
    it("is Entra's envelope, with a bearer token that verifies against the tenant's JWKS for the extension's app id", async () => {
      const extension = await register("onAttributeCollectionSubmit");
      const h = harness({ onAttributeCollectionSubmit: extension.id });
      server.fallback = { body: submit("continueWithDefaultBehavior") };
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);

      const [sent] = server.received;
      const authorization = String(sent!.headers.authorization);
      expect(authorization).toMatch(/^Bearer /);
      // Verified as an Entra-validating receiver would, only with Guestgate's issuer and JWKS.
      const claims = await bed.verify(authorization.slice(7), EXTENSION_APP_ID);
      expect(claims).toMatchObject({
        iss: ISSUER,
        aud: EXTENSION_APP_ID,
        azp: authenticationEventsClientId(TENANT_GUID),
        appid: authenticationEventsClientId(TENANT_GUID),
        tid: TENANT_GUID,
      });
      expect(claims.exp! - claims.iat!).toBe(300);
      expect(await bed.verify(authorization.slice(7), "another-app").catch((e: Error) => e.name)).toMatch(
        /JWTClaimValidationFailed/,
      );

      expect(sent!.body).toEqual({
        type: "microsoft.graph.authenticationEvent.attributeCollectionSubmit",
        source: `/tenants/${TENANT_GUID}/applications/${WOODGROVE_SHOP}`,
        data: {
          "@odata.type": "microsoft.graph.onAttributeCollectionSubmitCalloutData",
          tenantId: TENANT_GUID,
          authenticationEventListenerId: "B2X_1_signup-signin",
          customAuthenticationExtensionId: extension.id,
          authenticationContext: {
            correlationId: j.id,
            client: { ip: "203.0.113.9", locale: "nl", market: "nl" },
            protocol: "OAUTH2.0",
            clientServicePrincipal: expect.objectContaining({ appId: WOODGROVE_SHOP }),
            resourceServicePrincipal: expect.objectContaining({ appId: WOODGROVE_SHOP }),
          },
          userSignUpInfo: {
            attributes: {
              displayName: {
                "@odata.type": "microsoft.graph.stringDirectoryAttributeValue",
                value: "Ann de Vries",
                attributeType: "builtIn",
              },
              givenName: {
                "@odata.type": "microsoft.graph.stringDirectoryAttributeValue",
                value: "Ann",
                attributeType: "builtIn",
              },
              surname: {
                "@odata.type": "microsoft.graph.stringDirectoryAttributeValue",
                value: "de Vries",
                attributeType: "builtIn",
              },
              country: { "@odata.type": "microsoft.graph.stringDirectoryAttributeValue", value: "NL", attributeType: "builtIn" },
              [`extension_${APP}_dietaryPreference`]: {
                "@odata.type": "microsoft.graph.stringDirectoryAttributeValue",
                value: "vegan",
                attributeType: "directorySchemaExtension",
              },
            },
            identities: [{ signInType: "email", issuer: TENANT, issuerAssignedId: "ann@example.com" }],
          },
        },
      });
      const [event] = await auditOf(j.id);
      expect(event).toMatchObject({ type: "customExtension.called", targetId: extension.id, actorType: "system" });
    });
  });

  describe("OnAttributeCollectionStart", () => {
    it("setPrefillValues pre-fills only attributes the flow collects, with the form's rules", async () => {
      const h = harness({ onAttributeCollectionStart: (await register("onAttributeCollectionStart")).id });
      server.answers.push({
        body: start("setPrefillValues", {
          inputs: {
            givenName: "Anja",
            [`extension_${APP}_dietaryPreference`]: "vegetarian",
            surname: 42,
            userType: "Member",
            email: "evil@example.com",
            identities: [{ signInType: "federated", issuer: "evil", issuerAssignedId: "x" }],
          },
        }),
      });
      const j = await h.throughPasscode();
      const journey = await h.state(j.id);
      expect(journey.state).toBe("collectAttributes");
      expect(journey.ui.values).toMatchObject({ givenName: "Anja", dietaryPreference: "vegetarian" });
      for (const name of ["userType", "email", "identities", "surname"]) expect(journey.ui.values).not.toHaveProperty(name);
      expect(server.received[0]!.body.type).toBe("microsoft.graph.authenticationEvent.attributeCollectionStart");
    });

    it("continueWithDefaultBehavior shows the form as it was", async () => {
      const h = harness({ onAttributeCollectionStart: (await register("onAttributeCollectionStart")).id });
      server.answers.push({ body: start("continueWithDefaultBehavior") });
      const j = await h.throughPasscode();
      expect((await h.state(j.id)).state).toBe("collectAttributes");
      expect((await h.state(j.id)).ui.values).not.toHaveProperty("givenName");
    });

    it("showBlockPage ends the journey with the extension's title and message, or our localized default", async () => {
      const h = harness({ onAttributeCollectionStart: (await register("onAttributeCollectionStart")).id });
      server.answers.push({ body: start("showBlockPage", { title: "Geen toegang", message: "Alleen voor leveranciers." }) });
      const j = await h.throughPasscode();
      const journey = await h.state(j.id);
      expect(journey.state).toBe("refused");
      expect(journey.ui.messages).toEqual([
        { id: "journey.apiConnector.message", context: { message: "Geen toegang — Alleen voor leveranciers." } },
      ]);
      server.answers.push({ body: start("showBlockPage") });
      const k = await h.throughPasscode("bo@example.com");
      expect((await h.state(k.id)).ui.messages).toEqual([{ id: "journey.customExtension.blocked" }]);
      expect(nl.journey.customExtension.blocked).toMatch(/niet aanmelden/);
      expect(h.directory.all()).toEqual([]);
    });

    it("never runs for someone who already has an account", async () => {
      const h = harness({ onAttributeCollectionStart: (await register("onAttributeCollectionStart")).id });
      server.fallback = { body: start("continueWithDefaultBehavior") };
      const first = await h.throughPasscode();
      await h.submit(first, SIGN_UP_ATTRIBUTES);
      expect(server.received).toHaveLength(1);
      const again = await h.throughPasscode();
      expect((await h.state(again.id)).state).toBe("completed");
      expect(server.received).toHaveLength(1);
    });
  });

  describe("OnAttributeCollectionSubmit", () => {
    it("modifyAttributeValues changes only what the flow collects; e-mail, identities and userType stay", async () => {
      const h = harness({ onAttributeCollectionSubmit: (await register("onAttributeCollectionSubmit")).id });
      server.answers.push({
        body: submit("modifyAttributeValues", {
          attributes: {
            givenName: "Anna",
            DietaryPreference: "halal",
            // The wrong type for a text attribute: dropped, not turned into "7".
            surname: 7,
            country: "Narnia",
            userType: "Member",
            email: "evil@example.com",
            mail: "evil@example.com",
            identities: [{ signInType: "federated", issuer: "evil", issuerAssignedId: "x" }],
            tenantId: "sparbanken",
          },
        }),
      });
      const j = await h.throughPasscode();
      expect(await h.submit(j, SIGN_UP_ATTRIBUTES)).toMatchObject({ kind: "redirect" });
      const [guest] = h.directory.all();
      expect(guest).toMatchObject({ userType: "Guest", email: "ann@example.com", tenantId: TENANT });
      expect(guest!.attributes).toEqual({ ...SIGN_UP_ATTRIBUTES, country: "NL", givenName: "Anna", dietaryPreference: "halal" });
    });

    it("showValidationError keeps the person on the form with the message and one per attribute; nothing is created", async () => {
      const h = harness({ onAttributeCollectionSubmit: (await register("onAttributeCollectionSubmit")).id });
      server.answers.push({
        body: submit("showValidationError", {
          message: "Controleer de gemarkeerde velden.",
          attributeErrors: {
            givenName: "Gebruik uw naam zoals in het KvK-register.",
            [`extension_${APP}_dietaryPreference`]: "Deze keuze is niet beschikbaar.",
            userType: "ignored: not a field of the form",
          },
        }),
      });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      const journey = await h.state(j.id);
      expect(journey.state).toBe("collectAttributes");
      expect(journey.ui.messages).toEqual([
        { id: "journey.apiConnector.message", context: { message: "Controleer de gemarkeerde velden." } },
      ]);
      expect(journey.ui.fieldErrors).toEqual({
        givenName: { id: "journey.apiConnector.message", context: { message: "Gebruik uw naam zoals in het KvK-register." } },
        dietaryPreference: { id: "journey.apiConnector.message", context: { message: "Deze keuze is niet beschikbaar." } },
      });
      expect(journey.ui.values).toMatchObject({ givenName: "Ann" });
      expect(h.directory.all()).toEqual([]);
      server.answers.push({ body: submit("continueWithDefaultBehavior") });
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect(h.directory.all()).toHaveLength(1);
    });

    it("showBlockPage ends the journey on the block page, and nothing is created", async () => {
      const h = harness({ onAttributeCollectionSubmit: (await register("onAttributeCollectionSubmit")).id });
      server.answers.push({ body: submit("showBlockPage", { message: "Uw aanvraag wacht op goedkeuring." }) });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      const journey = await h.state(j.id);
      expect(journey.state).toBe("refused");
      expect(journey.ui.messages).toEqual([
        { id: "journey.apiConnector.message", context: { message: "Uw aanvraag wacht op goedkeuring." } },
      ]);
      expect(h.directory.all()).toEqual([]);
    });

    it("reads keys and @odata.type values in any case, with or without #", async () => {
      const h = harness({ onAttributeCollectionSubmit: (await register("onAttributeCollectionSubmit")).id });
      server.answers.push({
        body: {
          DATA: {
            "@odata.Type": "#Microsoft.Graph.OnAttributeCollectionSubmitResponseData",
            Actions: [
              {
                "@ODATA.TYPE": "#microsoft.graph.ATTRIBUTECOLLECTIONSUBMIT.modifyattributevalues",
                Attributes: { givenname: "Annie" },
              },
            ],
          },
        },
      });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect(h.directory.all()[0]!.attributes.givenName).toBe("Annie");
    });
  });

  describe("failures take the configured path, never show the extension's error, create nothing, and are audited", () => {
    const failures: [string, () => void, RegExp][] = [
      [
        "a timeout",
        () => (server.fallback = { body: submit("continueWithDefaultBehavior"), delayMs: 900 }),
        /no answer within 300 ms/,
      ],
      ["a 500", () => (server.fallback = { status: 500, body: { error: "database down at db01.internal" } }), /HTTP 500/],
      ["malformed JSON", () => (server.fallback = { body: '{"data": {' }), /malformed JSON/],
      [
        "an oversized body",
        () => (server.fallback = { body: { ...submit("continueWithDefaultBehavior"), pad: "x".repeat(70_000) } }),
        /larger than 65536/,
      ],
      [
        "a wrong content type",
        () => (server.fallback = { contentType: "text/html", body: "<h1>db01</h1>" }),
        /content type "text\/html"/,
      ],
      [
        "HTTP 400 (the API connectors' ValidationError status)",
        () => (server.fallback = { status: 400, body: submit("showValidationError", { message: "x" }) }),
        /HTTP 400/,
      ],
      [
        "two actions",
        () =>
          (server.fallback = {
            body: {
              data: {
                "@odata.type": "microsoft.graph.onAttributeCollectionSubmitResponseData",
                actions: [
                  submit("continueWithDefaultBehavior").data.actions[0],
                  submit("continueWithDefaultBehavior").data.actions[0],
                ],
              },
            },
          }),
        /2 actions, not one/,
      ],
      ["another event's response data", () => (server.fallback = { body: start("continueWithDefaultBehavior") }), /data is not/],
      [
        "another event's action",
        () =>
          (server.fallback = {
            body: answer("onAttributeCollectionSubmitResponseData", "attributeCollectionStart.setPrefillValues", { inputs: {} }),
          }),
        /unknown action/,
      ],
      [
        "showValidationError with nothing to show",
        () => (server.fallback = { body: submit("showValidationError") }),
        /without message/,
      ],
    ];

    it.each(failures)("%s blocks with our localized message", async (_name, arrange, reason) => {
      arrange();
      const h = harness({ onAttributeCollectionSubmit: (await register("onAttributeCollectionSubmit", { timeoutMs: 300 })).id });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      const journey = await h.state(j.id);
      expect(journey.state).toBe("refused");
      expect(journey.ui.messages).toEqual([{ id: "journey.apiConnector.unavailable" }]);
      expect(JSON.stringify(journey.ui)).not.toMatch(/db01/);
      expect(h.directory.all()).toEqual([]);
      const [event] = await auditOf(j.id);
      expect(event).toMatchObject({ type: "customExtension.failed" });
      expect(JSON.parse(event!.data as string).reason).toMatch(reason);
      expect(logs.find((l) => l.level === "warn")?.fields).toMatchObject({
        correlationId: j.id,
        reason: expect.stringMatching(reason),
      });
    });

    it.each(failures)(
      "%s with behaviorOnError continue signs the person up as if there were no extension",
      async (_name, arrange) => {
        arrange();
        const h = harness({
          onAttributeCollectionSubmit: (await register("onAttributeCollectionSubmit", { timeoutMs: 300, onFailure: "continue" }))
            .id,
        });
        const j = await h.throughPasscode();
        await h.submit(j, SIGN_UP_ATTRIBUTES);
        expect((await h.state(j.id)).state).toBe("completed");
        expect(h.directory.all()[0]!.attributes).toEqual({ ...SIGN_UP_ATTRIBUTES, country: "NL" });
      },
    );

    it("at the start, a failure blocks before the form", async () => {
      server.fallback = { status: 500, body: {} };
      const h = harness({ onAttributeCollectionStart: (await register("onAttributeCollectionStart")).id });
      const j = await h.throughPasscode();
      expect((await h.state(j.id)).state).toBe("refused");
      expect((await h.state(j.id)).ui.messages).toEqual([{ id: "journey.apiConnector.unavailable" }]);
    });

    it("an extension of another event, or one deleted, is a failure, not a crash", async () => {
      const wrong = await register("onAttributeCollectionStart");
      const h = harness({ onAttributeCollectionSubmit: wrong.id });
      const j = await h.throughPasscode();
      await h.submit(j, SIGN_UP_ATTRIBUTES);
      expect((await h.state(j.id)).state).toBe("refused");
      expect(server.received).toHaveLength(0);
      const [event] = await auditOf(j.id);
      expect(JSON.parse(event!.data as string).reason).toMatch(/extension is for onAttributeCollectionStart/);
    });
  });

  describe("OnOtpSend", () => {
    it("the extension sends the passcode itself: it gets the address and the code, no e-mail goes out, and the code works", async () => {
      const h = harness({ onOtpSend: (await register("onOtpSend")).id });
      server.fallback = { body: otpSent };
      const j = await h.start();
      await h.submit(j, { email: "Ann@Example.com" });
      expect(h.mailbox).toEqual([]);
      const [sent] = server.received;
      expect(sent!.body).toMatchObject({
        type: "microsoft.graph.authenticationEvent.emailOtpSend",
        data: {
          "@odata.type": "microsoft.graph.onOtpSendCalloutData",
          otpContext: { identifier: "ann@example.com", oneTimeCode: expect.stringMatching(/^\d{6,8}$/) },
        },
      });
      expect(decodeJwt(String(sent!.headers.authorization).slice(7)).aud).toBe(EXTENSION_APP_ID);
      const code = (sent!.body.data as { otpContext: { oneTimeCode: string } }).otpContext.oneTimeCode;
      await h.submit(j, { code });
      expect((await h.state(j.id)).state).toBe("collectAttributes");
    });

    it("a failing extension that blocks: the page says the code was not sent, and no e-mail goes out", async () => {
      server.fallback = { status: 503, body: {} };
      const h = harness({ onOtpSend: (await register("onOtpSend")).id });
      const j = await h.start();
      await h.submit(j, { email: "ann@example.com" });
      const journey = await h.state(j.id);
      expect(journey.state).toBe("enterEmail");
      expect(journey.ui.messages).toEqual([{ id: "otp.errors.sendFailed" }]);
      expect(h.mailbox).toEqual([]);
    });

    it("a failing extension with behaviorOnError continue falls back to Guestgate's own e-mail", async () => {
      server.fallback = { body: "not json" };
      const h = harness({ onOtpSend: (await register("onOtpSend", { onFailure: "continue" })).id });
      const j = await h.start();
      await h.submit(j, { email: "ann@example.com" });
      expect(h.mailbox).toHaveLength(1);
      await h.submit(j, { code: h.mailbox[0]!.code });
      expect((await h.state(j.id)).state).toBe("collectAttributes");
    });
  });

  describe("registration", () => {
    it("keeps Entra's rules: https (loopback http in development), resourceId on the target's host, 200–2000 ms, 0 or 1 retry", async () => {
      await expect(register("onOtpSend", { targetUrl: "http://hooks.example/api" })).rejects.toMatchObject({ code: "invalid" });
      await expect(register("onOtpSend", { resourceId: `api://elsewhere.example/${EXTENSION_APP_ID}` })).rejects.toMatchObject({
        code: "invalid",
      });
      await expect(register("onOtpSend", { resourceId: EXTENSION_APP_ID })).rejects.toMatchObject({ code: "invalid" });
      await expect(register("onOtpSend", { timeoutMs: 199 })).rejects.toMatchObject({ code: "invalid" });
      await expect(register("onOtpSend", { timeoutMs: 2001 })).rejects.toMatchObject({ code: "invalid" });
      await expect(register("onOtpSend", { maxRetries: 2 })).rejects.toMatchObject({ code: "invalid" });
      await expect(register("onOtpSend", { tokenClaims: ["x"] })).rejects.toMatchObject({ code: "invalid" });
      const created = await register("onOtpSend");
      expect(created).toMatchObject({ timeoutMs: 1000, maxRetries: 0, onFailure: "block" });
      await expect(extensions.update(SYSTEM, TENANT, created.id, { eventType: "onTokenIssuanceStart" })).rejects.toMatchObject({
        code: "invalid",
      });
      const audit = await bed.db.prisma.auditEvent.findMany({ where: { targetId: created.id } });
      expect(audit.map((e) => e.type)).toEqual(["customExtension.created"]);
    });
  });
});
