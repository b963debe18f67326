// Sign-up protection in the browser, against `next start`: the e2e tenant refuses the domain
// rival.example (tests/e2e/fixtures/e2e-tenant.json) and, as every tenant does by default,
// disposable mailboxes. A new address at either is refused on the address page with a message
// saying why, in the page's language; a guest of rival.example who was there before still signs
// in. Then, on a server of its own with a tight limit, a client over it gets the 429 page, which a
// spoofed X-Forwarded-For does not get round, while an existing guest still signs in.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { createDirectoryStore } from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import { EMAIL_OTP_ISSUER } from "../../../app/_lib/journeys";
import { APPS } from "../support/applications";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { expectStep, heading, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withOwnServer } from "../support/own-server";
import { withRelyingParty } from "../support/relying-party";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();
const app = APPS.e2e;
/** The guest of the refused domain the first part signs in; the own server's copy of the database has it too. */
const rivalGuest = uniqueEmail("rival-guest").replace("@guests.example", "@rival.example");

/** A guest who signed up with a passcode before their domain was refused (what a journey writes). */
async function existingGuest(email: string): Promise<void> {
  const directory = createDirectoryService({
    store: createDirectoryStore(db()),
    clock: { now: () => new Date() },
    cursorKey: new Uint8Array(32),
  });
  await directory.signUp({
    tenantId: app.tenant,
    identity: { providerId: "email", issuer: EMAIL_OTP_ISSUER, subject: email, email, emailVerified: true },
    attributes: { displayName: "Rita Rival", givenName: "Rita", surname: "Rival", country: "NL", workshop: "pottery" },
    displayName: "Rita Rival",
    userFlowName: "signup-signin",
    clientId: app.clientId,
    correlationId: "seeded-by-test",
  });
}

describe("refused at sign-up, with a message on the address page", () => {
  it.each([
    ["en", "disposable", () => uniqueEmail("throwaway").replace("@guests.example", "@mailinator.com")],
    ["fr", "domainBlocked", () => uniqueEmail("rival").replace("@guests.example", "@rival.example")],
  ] as const)(
    "in %s: a new %s address gets no code",
    async (locale, reason, address) => {
      const t = journeyTexts(locale);
      const email = address();
      const signIn = await rp.begin(app, { uiLocales: locale });
      const page = await browser.newPage();
      const journey = journeyPage(page, t);
      await page.goto(signIn.url);
      await journey.chooseEmail();
      await journey.requestCode(email);
      await expectStep(page, { tenant: app.tenant, locale, title: t("otp.request.title"), axe: true });
      const message = t(`signUpProtection.refused.${reason}`, { domain: email.split("@")[1]! });
      await expect.poll(() => page.locator("main").textContent()).toContain(message);
      // the message belongs to the field, as every other address error does
      const field = page.getByLabel(t("otp.request.emailLabel"), { exact: true });
      expect(await field.getAttribute("aria-invalid")).toBe("true");
      expect(await mailbox.count(email)).toBe(0);
    },
    60_000,
  );

  it("still signs in a guest of the refused domain who was there before", async () => {
    const t = journeyTexts("en");
    const email = rivalGuest;
    await existingGuest(email);
    const signIn = await rp.begin(app, { uiLocales: "en" });
    const page = await browser.newPage();
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    expect(await heading(page)).toBe(t("otp.verify.title"));
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    const { claims } = await signIn.complete(page);
    expect(claims).toMatchObject({ email });
  }, 60_000);
});

/** The suite's tenants file with the e2e tenant's passcodes to new addresses held to 1 per client. */
function tightConfig(): string {
  const config = JSON.parse(readFileSync(inject("tenantsConfigPath"), "utf8")) as {
    tenants: { slug: string; signUpProtection: { limits: Record<string, unknown> } }[];
  };
  const e2e = config.tenants.find((tenant) => tenant.slug === app.tenant)!;
  e2e.signUpProtection.limits.passcodesSent = {
    perClient: { limit: 1, windowMinutes: 15 },
    perTenant: { limit: 1000, windowMinutes: 15 },
  };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "guestgate-e2e-limits-")), "tenants.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe("over a sign-up limit (its own server, no trusted proxy)", () => {
  const server = withOwnServer({ GUESTGATE_CONFIG: tightConfig(), GUESTGATE_TRUSTED_PROXIES: "" });
  const own = withRelyingParty({ origin: () => server.baseURL() });

  it("answers 429 with a page saying when to try again; a spoofed X-Forwarded-For changes nothing; a guest still signs in", async () => {
    const t = journeyTexts("fr");
    const ask = async (email: string, forwardedFor?: string) => {
      // Chromium logs every 429 answer as a console error: that one is this test's point.
      const page = await browser.newPage({
        baseURL: server.baseURL(),
        acceptLanguage: "fr",
        expectedConsoleErrors: [/status of 429 \(Too Many Requests\)/],
      });
      if (forwardedFor) await page.setExtraHTTPHeaders({ "X-Forwarded-For": forwardedFor });
      const signIn = await own.begin(app, { uiLocales: "fr" });
      await page.goto(signIn.url);
      const journey = journeyPage(page, t);
      await journey.chooseEmail();
      const answer = page.waitForResponse((response) => response.url().endsWith("/submit"));
      await journey.requestCode(email);
      return { page, signIn, response: await answer };
    };

    const first = await ask(uniqueEmail("limit-1"));
    expect(first.response.status()).toBe(303);
    for (const forwardedFor of [undefined, "198.51.100.23", "203.0.113.5, 198.51.100.24"]) {
      const { page, response } = await ask(uniqueEmail("limit-2"), forwardedFor);
      expect(response.status(), `X-Forwarded-For: ${forwardedFor}`).toBe(429);
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
      expect(await heading(page)).toBe(t("signUpProtection.tooMany.title"));
      expect(await page.locator("html").getAttribute("lang")).toBe("fr");
      const minutes = Math.ceil(Number(response.headers()["retry-after"]) / 60);
      expect(await page.locator("main").textContent()).toContain(t("signUpProtection.tooMany.body", { minutes }));
      // the way back is the journey itself, which waits where it was
      await page.getByRole("link", { name: t("signUpProtection.tooMany.back") }).click();
      expect(await heading(page)).toBe(t("otp.request.title"));
    }

    // an existing guest's address is not a sign-up: the same client still gets a code and signs in
    // (the guest of rival.example, in the copy of the suite's database this server runs on)
    const email = rivalGuest;
    const { page, signIn } = await ask(email);
    expect(await heading(page)).toBe(t("otp.verify.title"));
    await journeyPage(page, t).enterCode(passcodeIn(await mailbox.next(email)));
    expect((await signIn.complete(page)).claims).toMatchObject({ email });
  }, 120_000);
});
