// An OnAttributeCollectionSubmit custom authentication extension (graph-contracts §6.2) in the
// browser, against a `next start` of its own: a real extension over https answers
// showValidationError, and the person stays on the attribute form with the general message and
// the extension's own message next to the field it names; sent again, it lets them through. The
// extension receives a bearer token it verifies with the tenant's published JWKS and issuer.
// For one surname it answers showBlockPage: the person lands on the refused page with the
// extension's words, and no guest is written.
import { mkdtempSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { withBrowser } from "../support/browser";
import { makeCertificates } from "../support/https";
import { expectStep, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withOwnServer } from "../support/own-server";
import { withRelyingParty } from "../support/relying-party";

const app = APPS.e2eProgressive;
const EXTENSION_ID = "c0ffee00-0000-4000-8000-00000000e2e1";
const EXTENSION_APP_ID = "e2e0a0b6-5d7f-4e21-a0b6-c8d4e2f19a77";
const dir = mkdtempSync(path.join(os.tmpdir(), "guestgate-e2e-extension-"));
const caFile = path.join(dir, "extension-ca.pem");

/** The surname the extension refuses (its showBlockPage), as a supplier check would refuse a competitor. */
const BLOCKED_SURNAME = "Concurrent";
const BLOCK_TITLE = "Aanmelding niet mogelijk";
const BLOCK_MESSAGE = "Medewerkers van concurrenten kunnen zich hier niet aanmelden.";

/** The surname a submit carried (userSignUpInfo.attributes.surname.value). */
function surnameOf(body: Record<string, unknown>): string {
  const data = body.data as { userSignUpInfo?: { attributes?: { surname?: { value?: unknown } } } } | undefined;
  return String(data?.userSignUpInfo?.attributes?.surname?.value ?? "");
}

/** What the extension received: the Authorization header and the body. */
const received: { authorization: string; body: Record<string, unknown> }[] = [];
let extension: https.Server | undefined;
let extensionUrl = "";

const submitAnswer = (action: string, fields: Record<string, unknown> = {}) => ({
  data: {
    "@odata.type": "microsoft.graph.onAttributeCollectionSubmitResponseData",
    actions: [{ "@odata.type": `microsoft.graph.attributeCollectionSubmit.${action}`, ...fields }],
  },
});

// Registered before the server's own beforeAll: it starts with NODE_EXTRA_CA_CERTS naming this CA.
beforeAll(async () => {
  const certificates = await makeCertificates(dir);
  writeFileSync(caFile, certificates.ca);
  extension = https.createServer({ cert: certificates.cert, key: certificates.key }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      if (surnameOf(body) === BLOCKED_SURNAME) {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(submitAnswer("showBlockPage", { title: BLOCK_TITLE, message: BLOCK_MESSAGE })));
        return;
      }
      received.push({ authorization: String(request.headers.authorization ?? ""), body });
      const answer =
        received.length === 1
          ? submitAnswer("showValidationError", {
              message: "Controleer de gemarkeerde velden.",
              attributeErrors: { givenName: "Gebruik uw voornaam zoals in uw paspoort." },
            })
          : submitAnswer("continueWithDefaultBehavior");
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => extension!.listen(0, "127.0.0.1", resolve));
  extensionUrl = `https://127.0.0.1:${(extension.address() as AddressInfo).port}/api/submit`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (extension ? extension.close(() => resolve()) : resolve()));
});

const browser = withBrowser();
const server = withOwnServer({ NODE_EXTRA_CA_CERTS: caFile });
const rp = withRelyingParty({ origin: () => server.baseURL() });
const mailbox = new Mailbox();

describe("an OnAttributeCollectionSubmit extension's showValidationError", () => {
  beforeAll(async () => {
    // The extension registered and attached as Graph would store them (the flow's definition is JSON).
    await server.sql(
      `INSERT INTO custom_authentication_extensions (id, tenantId, eventType, displayName, targetUrl, resourceId, timeoutMs, createdAt, updatedAt)
       VALUES ('${EXTENSION_ID}', '${app.tenant}', 'onAttributeCollectionSubmit', 'Name check', '${extensionUrl}',
               'api://127.0.0.1/${EXTENSION_APP_ID}', 2000, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    );
    await server.sql(
      `UPDATE user_flows SET definition = json_set(definition, '$.customAuthenticationExtensions',
         json('{"onAttributeCollectionSubmit":"${EXTENSION_ID}"}'))
       WHERE tenantId = '${app.tenant}' AND name = 'progressive'`,
    );
  });

  it("keeps the person on the form with the message next to the field, then lets them through", async () => {
    const t = journeyTexts("nl");
    const email = uniqueEmail("extension");
    const signIn = await rp.begin(app, { uiLocales: "nl" });
    const page = await browser.newPage({ baseURL: server.baseURL(), acceptLanguage: "nl" });
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    await expectStep(page, { tenant: app.tenant, locale: "nl", title: t("attributes.page.title"), axe: false });
    await journey.fillAttributes({ givenName: "Noor", surname: "Jansen" });
    await journey.submitAttributes();

    // Still the attribute form, with what was typed, the general message and the field's own.
    await expectStep(page, { tenant: app.tenant, locale: "nl", title: t("attributes.page.title"), axe: true });
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("Controleer de gemarkeerde velden.");
    expect(main).toContain("Gebruik uw voornaam zoals in uw paspoort.");
    const givenName = page.locator('main form [name="givenName"]');
    expect(await givenName.inputValue()).toBe("Noor");
    expect(await givenName.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await givenName.getAttribute("aria-describedby")) ?? "";
    const described = await Promise.all(describedBy.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(described.join(" ")).toContain("Gebruik uw voornaam zoals in uw paspoort.");
    expect(await page.locator('main form [name="surname"]').getAttribute("aria-invalid")).not.toBe("true");

    // Sent again: the extension continues, and the application gets its tokens.
    await journey.submitAttributes();
    expect((await signIn.complete(page)).claims).toMatchObject({ email, given_name: "Noor" });

    expect(received).toHaveLength(2);
    const [first] = received;
    expect(first!.body).toMatchObject({ type: "microsoft.graph.authenticationEvent.attributeCollectionSubmit" });
    const jwks = createRemoteJWKSet(new URL(`${server.baseURL()}/${app.tenant}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(first!.authorization.replace(/^Bearer /, ""), jwks, {
      issuer: `${server.baseURL()}/${app.tenant}/v2.0`,
      audience: EXTENSION_APP_ID,
    });
    expect(payload.azp).toEqual(expect.any(String));
  }, 120_000);

  it("showBlockPage ends the sign-up on the refused page with the extension's message, and no guest is created", async () => {
    const t = journeyTexts("nl");
    const email = uniqueEmail("extension-block");
    const signIn = await rp.begin(app, { uiLocales: "nl" });
    const page = await browser.newPage({ baseURL: server.baseURL(), acceptLanguage: "nl" });
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    await expectStep(page, { tenant: app.tenant, locale: "nl", title: t("attributes.page.title"), axe: false });
    await journey.fillAttributes({ givenName: "Noor", surname: BLOCKED_SURNAME });
    await journey.submitAttributes();

    await expectStep(page, { tenant: app.tenant, locale: "nl", title: t("journey.refused.title"), axe: true });
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain(`${BLOCK_TITLE} — ${BLOCK_MESSAGE}`);
    // Sending the form again is not possible: the refused page has no attribute form.
    expect(await page.locator('main form [name="surname"]').count()).toBe(0);

    const guests = await server.query(
      `SELECT id FROM guests WHERE tenantId = '${app.tenant}' AND lower(email) = lower('${email}')`,
    );
    expect(guests).toEqual([]);
  }, 120_000);
});
