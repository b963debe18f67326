// The portal's Extensions section against a `next start` of its own that trusts a throwaway CA: a
// Global Administrator registers an API connector with a Basic password (never shown again, stored
// sealed), sends a test call to a real https connector and reads the outcome — the parsed action,
// the status, the time and the connector's message as escaped text — then does the same for a
// custom authentication extension (with Guestgate's own bearer token) and attaches both to a flow
// in the flow editor. All without JavaScript: every button is a plain form.
import { mkdtempSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../../app/_lib/db";
import { signInAsAdministrator } from "../support/admin";
import { withBrowser } from "../support/browser";
import { makeCertificates } from "../support/https";
import { heading, submitAndWait } from "../support/journey";
import { withOwnServer } from "../support/own-server";
import { message } from "../support/site";

const TENANT = "e2e";
const FLOW = "progressive";
const PASSWORD = "c0nnector-pa55word";
const EXTENSION_APP_ID = "e2e0a0b6-5d7f-4e21-a0b6-c8d4e2f19a78";
const dir = mkdtempSync(path.join(os.tmpdir(), "guestgate-e2e-portal-extensions-"));
const caFile = path.join(dir, "ca.pem");

/** What the receiver got, by path: /connector answers Entra's workforce contract, /extension the external one. */
const received: { path: string; authorization: string; body: Record<string, unknown> }[] = [];
let receiver: https.Server | undefined;
let origin = "";
const BLOCK_MESSAGE = `<img src=x onerror="alert(1)"> Not on our supplier list.`;

beforeAll(async () => {
  const certificates = await makeCertificates(dir);
  writeFileSync(caFile, certificates.ca);
  receiver = https.createServer({ cert: certificates.cert, key: certificates.key }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      received.push({ path: request.url ?? "", authorization: String(request.headers.authorization ?? ""), body });
      const answer =
        request.url === "/connector"
          ? { version: "1.0.0", action: "ShowBlockPage", userMessage: BLOCK_MESSAGE }
          : {
              data: {
                "@odata.type": "microsoft.graph.onAttributeCollectionSubmitResponseData",
                actions: [
                  {
                    "@odata.type": "microsoft.graph.attributeCollectionSubmit.showValidationError",
                    message: "Check the surname.",
                    attributeErrors: { surname: "Use your legal surname." },
                  },
                ],
              },
            };
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

const browser = withBrowser();
const server = withOwnServer({ NODE_EXTRA_CA_CERTS: caFile });
let prisma: PrismaClient | undefined;
afterAll(async () => {
  await prisma?.$disconnect();
});

const m = (key: string, values: Record<string, string> = {}) => message("en", `admin.extensions.${key}`, values);

describe("the portal's Extensions section", () => {
  it("registers a connector, sends a test call and shows its outcome escaped, then an extension's, and attaches both to a flow", async () => {
    prisma ??= createPrismaClient(server.databaseUrl());
    const page = await browser.newPage({ baseURL: server.baseURL(), acceptLanguage: "en", javaScript: false });
    // A missing element fails at its own line, not at the test's overall timeout.
    page.setDefaultTimeout(20_000);
    const memberId = await signInAsAdministrator(page.context(), prisma, server.baseURL(), TENANT, "globalAdministrator");

    await page.goto(`/${TENANT}/admin/extensions`);
    expect(await heading(page)).toBe(m("list.title"));
    await submitAndWait(page, () => page.getByRole("link", { name: m("list.addConnector") }).click());
    expect(await page.title()).toContain(m("newConnector.title"));
    await page.getByLabel(m("fields.displayName"), { exact: true }).fill("Supplier check");
    await page.getByLabel(m("fields.targetUrl"), { exact: true }).fill(`${origin}/connector`);
    await page.getByLabel(m("fields.authTypes.basic")).check();
    await page.getByLabel(m("fields.username"), { exact: true }).fill("guestgate");
    await page.getByLabel(m("fields.password"), { exact: true }).fill(PASSWORD);
    await submitAndWait(page, () => page.getByRole("button", { name: m("fields.create") }).click());

    // Saved: the page of the new connector, with the password field empty and the password sealed.
    const connectorPath = new URL(page.url()).pathname;
    expect(connectorPath).toMatch(new RegExp(`^/${TENANT}/admin/extensions/api-connectors/[0-9a-f-]{36}$`));
    expect(await page.getByRole("status").first().textContent()).toContain(m("notices.created"));
    expect(await page.getByLabel(m("fields.password"), { exact: true }).inputValue()).toBe("");
    expect(await page.content()).not.toContain(PASSWORD);
    const connectorId = connectorPath.split("/").at(-1)!;
    const [stored] = await server.query(`SELECT secretSealed, username FROM api_connectors WHERE id = '${connectorId}'`);
    expect(stored).toMatchObject({ username: "guestgate" });
    expect(String(stored!.secretSealed)).not.toContain(PASSWORD);

    // The test call, in the tenant's last language: the block page's message, as text.
    // By id: the language switcher in the header has the same name.
    const language = page.locator("#test-locale");
    const languages = await language
      .locator("option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await language.selectOption(languages.at(-1)!);
    await submitAndWait(page, () => page.getByRole("button", { name: m("test.submit") }).click());
    const panel = page.locator("#test-result");
    expect(await panel.locator("h3").textContent()).toBe(m("test.outcomes.block"));
    const shown = (await panel.textContent()) ?? "";
    expect(shown).toContain(BLOCK_MESSAGE);
    expect(shown).toContain("200");
    expect(await panel.locator("img").count()).toBe(0);

    const call = received.find((r) => r.path === "/connector")!;
    expect(call.authorization).toBe(`Basic ${Buffer.from(`guestgate:${PASSWORD}`).toString("base64")}`);
    expect(call.body).toMatchObject({ email: "test.person@example.com", ui_locales: languages.at(-1) });
    const [audited] = await server.query(
      `SELECT actorType, actorId FROM audit_events WHERE targetId = '${connectorId}' AND type = 'apiConnector.tested'`,
    );
    expect(audited).toEqual({ actorType: "administrator", actorId: memberId });

    // A crafted outcome (the signature no longer matches) is not shown.
    const tampered = new URL(page.url());
    const [payload, mac] = tampered.searchParams.get("test")!.split(".");
    const forged = Buffer.from(
      JSON.stringify({ at: Date.now(), outcome: { outcome: "continue", durationMs: 1, attempts: 1 } }),
    ).toString("base64url");
    expect(payload).not.toBe(forged);
    tampered.searchParams.set("test", `${forged}.${mac}`);
    await page.goto(tampered.toString());
    expect(await page.locator("#test-result").count()).toBe(0);

    // A custom authentication extension: the same button, with Guestgate's own bearer token.
    await page.goto(`/${TENANT}/admin/extensions/custom-extensions/new`);
    await page.getByLabel(m("fields.eventType"), { exact: true }).selectOption("onAttributeCollectionSubmit");
    await page.getByLabel(m("fields.displayName"), { exact: true }).fill("Surname check");
    await page.getByLabel(m("fields.targetUrl"), { exact: true }).fill(`${origin}/extension`);
    await page.getByLabel(m("fields.resourceId"), { exact: true }).fill(`api://127.0.0.1/${EXTENSION_APP_ID}`);
    await submitAndWait(page, () => page.getByRole("button", { name: m("fields.create") }).click());
    const extensionId = new URL(page.url()).pathname.split("/").at(-1)!;
    await submitAndWait(page, () => page.getByRole("button", { name: m("test.submit") }).click());
    expect(await page.locator("#test-result h3").textContent()).toBe(m("test.outcomes.validationError"));
    expect(await page.locator("#test-result").textContent()).toContain("surname");
    const token = received.find((r) => r.path === "/extension")!.authorization.replace(/^Bearer /, "");
    const jwks = createRemoteJWKSet(new URL(`${server.baseURL()}/${TENANT}/discovery/v2.0/keys`));
    await jwtVerify(token, jwks, { issuer: `${server.baseURL()}/${TENANT}/v2.0`, audience: EXTENSION_APP_ID });

    // The flow editor attaches both, as the $ref routes would.
    await page.goto(`/${TENANT}/admin/user-flows/${FLOW}`);
    const editor = (key: string, values: Record<string, string> = {}) =>
      message("en", `admin.userFlows.editor.extensions.${key}`, values);
    await page.getByLabel(editor("connectorAt", { step: m("test.steps.postAttributeCollection") })).selectOption(connectorId);
    await page.getByLabel(m("events.onAttributeCollectionSubmit")).selectOption(extensionId);
    await submitAndWait(page, () => page.getByRole("button", { name: editor("save") }).click());
    expect(await page.getByRole("status").first().textContent()).toContain(
      message("en", "admin.userFlows.notices.extensionsSaved"),
    );
    const [flow] = await server.query(`SELECT definition FROM user_flows WHERE tenantId = '${TENANT}' AND name = '${FLOW}'`);
    const definition = JSON.parse(String(flow!.definition)) as Record<string, unknown>;
    expect(definition.apiConnectors).toEqual({ postAttributeCollection: connectorId });
    expect(definition.customAuthenticationExtensions).toEqual({ onAttributeCollectionSubmit: extensionId });
  }, 180_000);

  it("lets a Directory Reader read a connector but not test, change or delete it", async () => {
    prisma ??= createPrismaClient(server.databaseUrl());
    const page = await browser.newPage({ baseURL: server.baseURL(), acceptLanguage: "en", javaScript: false });
    await signInAsAdministrator(page.context(), prisma, server.baseURL(), TENANT, "directoryReader");
    const [connector] = await server.query(`SELECT id FROM api_connectors WHERE tenantId = '${TENANT}' LIMIT 1`);
    const response = await page.goto(`/${TENANT}/admin/extensions/api-connectors/${String(connector!.id)}`);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("button", { name: m("test.submit") }).count()).toBe(0);
    const cookies = await page.context().cookies(`${server.baseURL()}/${TENANT}/admin`);
    const session = cookies.find((c) => c.name === `gg_admin_${TENANT}`)!.value;
    const refused = await fetch(`${server.baseURL()}/${TENANT}/admin/extensions/api-connectors/${String(connector!.id)}/test`, {
      method: "POST",
      headers: {
        cookie: `gg_admin_${TENANT}=${session}`,
        "sec-fetch-site": "same-origin",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "step=postAttributeCollection&locale=en",
      redirect: "manual",
    });
    expect(refused.status).toBe(403);
    // And a cross-site POST is refused before anything else (CSRF).
    const crossSite = await fetch(`${server.baseURL()}/${TENANT}/admin/extensions/api-connectors/create`, {
      method: "POST",
      headers: { cookie: `gg_admin_${TENANT}=${session}`, "sec-fetch-site": "cross-site" },
      body: "displayName=x",
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
  }, 60_000);
});
