// The audit log page against `next start`: a real sign-up and an administrator's change read as
// sentences in nl and fr, with actor and target linked; the filters narrow it; a Guest Inviter
// gets 403; another tenant's administrator sees none of it; axe-clean, without JavaScript, in two
// languages.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { expectStep, firstStepTitle, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { baseURL, message } from "../support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();

async function signUp(name: string): Promise<string> {
  const app = APPS.woodgrove;
  const t = journeyTexts("en", { "attributes.page.title": "Welcome to Woodgrove" });
  const email = uniqueEmail("audit");
  const signIn = await rp.begin(app, { uiLocales: "en" });
  const page = await browser.newPage();
  const journey = journeyPage(page, t);
  await page.goto(signIn.url);
  await expectStep(page, { tenant: app.tenant, locale: "en", title: firstStepTitle(app, t), axe: false });
  await journey.chooseEmail();
  await journey.requestCode(email);
  await journey.enterCode(passcodeIn(await mailbox.next(email)));
  const [given, ...family] = name.split(" ");
  await journey.fillAttributes({ displayName: name, givenName: given!, surname: family.join(" "), country: "NL" });
  await journey.submitAttributes();
  await signIn.complete(page);
  return (await db().guest.findFirstOrThrow({ where: { tenantId: "woodgrove", email } })).id;
}

describe("the audit log page", () => {
  it("words a sign-up and an administrator's block in nl and fr, links them, and filters", async () => {
    const name = `Jan de Vries ${Date.now().toString(36)}`;
    const guestId = await signUp(name);
    const page = await browser.newPage({ acceptLanguage: "nl" });
    const anna = await signInAsAdministrator(
      page.context(),
      db(),
      baseURL(),
      "woodgrove",
      "globalAdministrator",
      "anna@woodgrove.example",
    );
    await db().guest.update({ where: { id: anna }, data: { displayName: "Anna" } });
    // An administrator's change as the directory service writes it (the block action is another page's).
    await db().auditEvent.create({
      data: {
        id: randomUUID(),
        tenantId: "woodgrove",
        type: "guest.blocked",
        actorType: "administrator",
        actorId: anna,
        targetType: "guest",
        targetId: guestId,
      },
    });

    await page.goto(`/woodgrove/admin/audit?target=${guestId}`);
    expect(await htmlLang(page)).toBe("nl");
    const blocked = page.locator('#audit-table tr[data-type="guest.blocked"]').first();
    expect((await blocked.locator("td").nth(1).textContent())?.trim()).toBe(
      `Anna (globale beheerder) heeft gast ${name} geblokkeerd`,
    );
    expect(await blocked.getByRole("link", { name }).getAttribute("href")).toBe(`/woodgrove/admin/guests/${guestId}`);
    expect(await blocked.getByRole("link", { name: "Anna (globale beheerder)" }).getAttribute("href")).toBe(
      `/woodgrove/admin/guests/${anna}`,
    );
    const created = page.locator('#audit-table tr[data-type="guest.created"]');
    expect((await created.locator("td").nth(1).textContent())?.trim()).toBe(`${name} heeft zich aangemeld als gast`);
    await expectNoAxeViolations(page);

    const french = await browser.newPage({ acceptLanguage: "fr", javaScript: false });
    await signInAsAdministrator(french.context(), db(), baseURL(), "woodgrove", "userAdministrator");
    await french.goto(`/woodgrove/admin/audit?type=guest.blocked&target=${guestId}`);
    const rows = french.locator("#audit-table tbody tr");
    expect(await rows.count()).toBe(1);
    expect((await rows.first().locator("td").nth(1).textContent())?.trim()).toBe(
      `Anna (administrateur général) a bloqué l’invité ${name}`,
    );
    // By actor: only Anna's events.
    await french.goto(`/woodgrove/admin/audit?actor=${anna}`);
    expect(await french.locator("#audit-table tbody tr").count()).toBeGreaterThanOrEqual(1);
    expect(await french.locator('#audit-table tbody tr:not([data-type="guest.blocked"])').count()).toBe(0);
    // A day range before anything happened: nothing.
    await french.goto(`/woodgrove/admin/audit?target=${guestId}&from=2001-01-01&to=2001-01-02`);
    expect(await french.locator("#audit-table tbody tr").count()).toBe(0);
    expect(await french.locator("main").textContent()).toContain(message("fr", "admin.audit.table.none"));
  });

  it("is 403 for a Guest Inviter, and another tenant's administrator sees none of this tenant's events", async () => {
    const inviter = await browser.newPage({ acceptLanguage: "en", expectedConsoleErrors: [/403/] });
    await signInAsAdministrator(inviter.context(), db(), baseURL(), "woodgrove", "guestInviter");
    const response = await inviter.goto("/woodgrove/admin/audit");
    expect(response?.status()).toBe(403);
    expect(await inviter.locator("#audit-table").count()).toBe(0);

    const name = `Pieter Tenant ${Date.now().toString(36)}`;
    const guestId = await signUp(name);
    const other = await browser.newPage({ acceptLanguage: "en" });
    await signInAsAdministrator(other.context(), db(), baseURL(), "sparbanken", "globalAdministrator");
    const page = await other.goto(`/sparbanken/admin/audit?target=${guestId}`);
    expect(page?.status()).toBe(200);
    expect(await other.locator("#audit-table tbody tr").count()).toBe(0);
    await other.goto("/sparbanken/admin/audit");
    expect(await other.locator("main").textContent()).not.toContain(name);
  });

  it.each(["nl", "fr"] as const)("reads without JavaScript, in %s", async (locale) => {
    const page = await browser.newPage({ acceptLanguage: locale, javaScript: false });
    await signInAsAdministrator(page.context(), db(), baseURL(), "woodgrove", "globalAdministrator");
    expect((await page.goto("/woodgrove/admin/audit"))?.status()).toBe(200);
  });
});
