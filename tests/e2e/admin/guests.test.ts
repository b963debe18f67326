// The admin portal's Guests pages against `next start`: an administrator finds a guest who just
// signed up (a real sign-up through the journey), edits an attribute by the flow's rules, meets
// another administrator's change instead of overwriting it, blocks the guest (whose next sign-in
// is refused: the blocked page, no code for the application), and deletes one only with a fresh
// proof. A Guest Inviter reads but changes nothing (403 on every write page and POST); another
// tenant's administrator gets 404. Axe, JavaScript off, four languages, and the CSV export.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { adminSessionCookie, ensureAdministrator, signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { expectStep, heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { baseURL, message } from "../support/site";

const browser = withBrowser();
const prisma = withDatabase();
const rp = withRelyingParty();
const mailbox = new Mailbox();
const app = APPS.woodgrove;
const T = "woodgrove";

/** A real self-service sign-up through the journey; returns the new guest's id. */
async function signUp(email: string, givenName: string, surname: string): Promise<string> {
  const t = journeyTexts("en", { "attributes.page.title": "Welcome to Woodgrove" });
  const signIn = await rp.begin(app, { uiLocales: "en" });
  const page = await browser.newPage();
  const journey = journeyPage(page, t);
  await page.goto(signIn.url);
  await journey.chooseEmail();
  await journey.requestCode(email);
  await journey.enterCode(passcodeIn(await mailbox.next(email)));
  await journey.fillAttributes({ displayName: `${givenName} ${surname}`, givenName, surname, country: "NL" });
  await journey.submitAttributes();
  await signIn.complete(page);
  return (await prisma().guest.findFirstOrThrow({ where: { tenantId: T, email } })).id;
}

async function adminPage(role: Parameters<typeof signInAsAdministrator>[4], locale = "en", javaScript = true) {
  const page = await browser.newPage({ acceptLanguage: locale, javaScript });
  const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), T, role);
  return { page, memberId };
}

async function cookieHeader(page: Page): Promise<string> {
  const cookies = await page.context().cookies(`${baseURL()}/${T}/admin/guests`);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

const post = (path: string, cookie: string, body: Record<string, string> = {}) =>
  fetch(`${baseURL()}${path}`, {
    method: "POST",
    headers: { cookie, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
    redirect: "manual",
  });

describe("the admin portal's guests", () => {
  it("finds a guest who signed up a minute before, edits an attribute, blocks them: their next sign-in is refused", async () => {
    const email = uniqueEmail("portal-find");
    const guestId = await signUp(email, "Mirte", "Zwart");
    const { page, memberId } = await adminPage("userAdministrator");

    await page.goto(`/${T}/admin/guests`);
    expect(await page.title()).toContain(message("en", "admin.guests.list.title"));
    await page.getByLabel(message("en", "admin.guests.list.fields.q"), { exact: true }).fill(email);
    await submitAndWait(page, () => page.getByRole("button", { name: message("en", "admin.guests.list.apply") }).click());
    expect(new URL(page.url()).searchParams.get("q")).toBe(email);
    const table = page.getByRole("table", { name: message("en", "admin.guests.list.caption") });
    expect(await table.getByRole("row").count()).toBe(2);
    await expectNoAxeViolations(page);
    await submitAndWait(page, () => table.getByRole("link", { name: "Mirte Zwart" }).click());
    expect(new URL(page.url()).pathname).toBe(`/${T}/admin/guests/${guestId}`);
    expect(await page.locator("main").textContent()).toContain("Zwart");
    await expectNoAxeViolations(page);

    // Edit by the flow's rules: an invalid country is refused next to its field, a valid name saved.
    await submitAndWait(page, () => page.getByRole("link", { name: message("en", "admin.guests.detail.actions.edit") }).click());
    await page.locator('main form [name="country"]').selectOption("");
    await page.locator('main form [name="surname"]').fill("");
    await submitAndWait(page, () => page.getByRole("button", { name: message("en", "admin.guests.edit.save") }).click());
    expect(await page.title()).toMatch(new RegExp(`^${message("en", "admin.guests.edit.errorTitle")}`));
    expect(await page.locator("#surname").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);
    await page.locator('main form [name="surname"]').fill("Zwart-de Boer");
    await page.locator('main form [name="country"]').selectOption("BE");
    await submitAndWait(page, () => page.getByRole("button", { name: message("en", "admin.guests.edit.save") }).click());
    expect(await page.getByRole("status").first().textContent()).toBe(message("en", "admin.guests.detail.notices.saved"));
    const surname = await prisma().attributeValue.findUniqueOrThrow({ where: { guestId_name: { guestId, name: "surname" } } });
    expect(JSON.parse(surname.value)).toBe("Zwart-de Boer");
    const edited = await prisma().auditEvent.findFirstOrThrow({
      where: { tenantId: T, targetId: guestId, type: "guest.attributesUpdated" },
      orderBy: { createdAt: "desc" },
    });
    expect(edited).toMatchObject({ actorType: "administrator", actorId: memberId });

    // Block, with its confirmation page; audited with the administrator as actor.
    await submitAndWait(page, () => page.getByRole("link", { name: message("en", "admin.guests.detail.actions.block") }).click());
    await expectNoAxeViolations(page);
    await submitAndWait(page, () =>
      page.getByRole("button", { name: message("en", "admin.guests.confirm.block.submit") }).click(),
    );
    expect((await prisma().guest.findUniqueOrThrow({ where: { id: guestId } })).state).toBe("blocked");
    expect(
      await prisma().auditEvent.findFirstOrThrow({ where: { tenantId: T, targetId: guestId, type: "guest.blocked" } }),
    ).toMatchObject({ actorType: "administrator", actorId: memberId });

    // The guest's next sign-in: the blocked page, and the application never gets a code.
    const t = journeyTexts("en");
    const signIn = await rp.begin(app, { uiLocales: "en" });
    const guestPage = await browser.newPage();
    const journey = journeyPage(guestPage, t);
    await guestPage.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    await expectStep(guestPage, { tenant: T, locale: "en", title: t("journey.blocked.title"), axe: false });
    expect(rp.arrivals().some((at) => at.searchParams.get("state") === signIn.state && at.searchParams.has("code"))).toBe(false);
    expect(await prisma().authorizationCode.count({ where: { tenantId: T, guestId, consumedAt: null } })).toBe(0);
  });

  it("shows a second administrator what changed meanwhile instead of overwriting it", async () => {
    const email = uniqueEmail("portal-conflict");
    const guestId = await signUp(email, "Sanne", "Vos");
    const first = await adminPage("userAdministrator");
    const second = await adminPage("globalAdministrator");
    await first.page.goto(`/${T}/admin/guests/${guestId}/edit`);
    await second.page.goto(`/${T}/admin/guests/${guestId}/edit`);
    await first.page.locator('main form [name="givenName"]').fill("Susanne");
    await submitAndWait(first.page, () =>
      first.page.getByRole("button", { name: message("en", "admin.guests.edit.save") }).click(),
    );
    await second.page.locator('main form [name="givenName"]').fill("Sanna");
    await submitAndWait(second.page, () =>
      second.page.getByRole("button", { name: message("en", "admin.guests.edit.save") }).click(),
    );
    // Next's route announcer is an (empty) alert too: the conflict is the one named by its title.
    const alert = second.page.getByRole("alert", { name: message("en", "admin.guests.edit.conflict.title") });
    expect(await alert.getByRole("heading").textContent()).toBe(message("en", "admin.guests.edit.conflict.title"));
    expect(await alert.textContent()).toContain("Susanne");
    expect(await alert.textContent()).toContain("Sanna");
    expect(await second.page.locator('main form [name="givenName"]').inputValue()).toBe("Susanne");
    const given = await prisma().attributeValue.findUniqueOrThrow({ where: { guestId_name: { guestId, name: "givenName" } } });
    expect(JSON.parse(given.value)).toBe("Susanne");
    await expectNoAxeViolations(second.page);
  });

  it("deletes a guest only with a fresh proof of the administrator, audited", async () => {
    const email = uniqueEmail("portal-delete");
    const guestId = await signUp(email, "Pim", "Kok");
    const { page, memberId } = await adminPage("userAdministrator");
    const session = await prisma().adminSession.findFirstOrThrow({ where: { memberId }, orderBy: { authenticatedAt: "desc" } });
    const stale = new Date(Date.now() - 20 * 60_000);
    await prisma().adminSession.update({ where: { id: session.id }, data: { authenticatedAt: stale } });
    // The sign-in page is another branch's: only where the gate sends the browser is checked here.
    const gate = await fetch(`${baseURL()}/${T}/admin/guests/${guestId}/delete`, {
      headers: { cookie: await cookieHeader(page) },
      redirect: "manual",
    });
    const to = new URL(gate.headers.get("location")!, baseURL());
    expect(to.pathname).toBe(`/${T}/admin/sign-in`);
    expect(to.searchParams.get("reauthenticate")).toBe("1");
    const refused = await post(`/${T}/admin/guests/${guestId}/delete/confirm`, await cookieHeader(page), {
      returnTo: `/${T}/admin/guests/${guestId}/delete`,
    });
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get("location")!).searchParams.get("reauthenticate")).toBe("1");
    expect(await prisma().guest.count({ where: { id: guestId } })).toBe(1);

    // Proved again (what the re-sign-in records): the confirmation page and the delete go through.
    await prisma().adminSession.update({ where: { id: session.id }, data: { authenticatedAt: new Date() } });
    await page.goto(`/${T}/admin/guests/${guestId}/delete`);
    await expectNoAxeViolations(page);
    await submitAndWait(page, () =>
      page.getByRole("button", { name: message("en", "admin.guests.confirm.delete.submit") }).click(),
    );
    expect(new URL(page.url()).pathname).toBe(`/${T}/admin/guests`);
    expect(await page.getByText(message("en", "admin.guests.list.deleted")).count()).toBe(1);
    expect(await prisma().guest.count({ where: { id: guestId } })).toBe(0);
    expect(
      await prisma().auditEvent.findFirstOrThrow({ where: { tenantId: T, targetId: guestId, type: "guest.deleted" } }),
    ).toMatchObject({ actorType: "administrator", actorId: memberId });
  });

  it("lets a Guest Inviter read guests but refuses every write page and action (403)", async () => {
    const email = uniqueEmail("portal-inviter");
    const guestId = await signUp(email, "Ivo", "Lam");
    const { page } = await adminPage("guestInviter");
    expect((await page.goto(`/${T}/admin/guests`))?.status()).toBe(200);
    expect((await page.goto(`/${T}/admin/guests/${guestId}`))?.status()).toBe(200);
    expect(await page.getByRole("link", { name: message("en", "admin.guests.detail.actions.block") }).count()).toBe(0);
    const cookie = await cookieHeader(page);
    for (const path of ["edit", "block", "unblock", "delete"]) {
      const response = await fetch(`${baseURL()}/${T}/admin/guests/${guestId}/${path}`, {
        headers: { cookie, "accept-language": "en" },
      });
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain(email);
    }
    for (const path of ["edit/save", "block/confirm", "unblock/confirm", "delete/confirm"])
      expect((await post(`/${T}/admin/guests/${guestId}/${path}`, cookie)).status, path).toBe(403);
    expect((await prisma().guest.findUniqueOrThrow({ where: { id: guestId } })).state).toBe("active");
  });

  it("never shows or changes a guest of another tenant (404)", async () => {
    const email = uniqueEmail("portal-tenant");
    const guestId = await signUp(email, "Tess", "Bos");
    const page = await browser.newPage({ acceptLanguage: "sv" });
    const memberId = await ensureAdministrator(prisma(), "sparbanken", "global@sparbanken.example", "globalAdministrator");
    const cookie = await adminSessionCookie(prisma(), baseURL(), "sparbanken", memberId);
    const header = `${cookie.name}=${cookie.value}`;
    for (const path of ["", "/edit", "/block", "/delete"]) {
      const response = await fetch(`${baseURL()}/sparbanken/admin/guests/${guestId}${path}`, { headers: { cookie: header } });
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain(email);
    }
    for (const path of ["block/confirm", "delete/confirm", "edit/save"])
      expect((await post(`/sparbanken/admin/guests/${guestId}/${path}`, header)).status, path).toBe(404);
    const list = await fetch(`${baseURL()}/sparbanken/admin/guests?q=${encodeURIComponent(email)}`, {
      headers: { cookie: header },
    });
    expect(list.status).toBe(200);
    // The search box (also in the page's React payload) and the export and paging links give back
    // what was typed; the results say there is no such guest.
    const listHtml = (await list.text()).replace(/<script[^>]*>[\s\S]*?<\/script>/g, "");
    expect(listHtml.replace(/(?:value|href)="[^"]*"/g, "")).not.toContain(email);
    expect(listHtml).not.toContain(guestId);
    void page;
    expect((await prisma().guest.findUniqueOrThrow({ where: { id: guestId } })).state).toBe("active");
  });

  it.each(["en", "nl", "sv", "fr"])("shows the list in %s, filters without JavaScript, and is accessible", async (locale) => {
    const { page } = await adminPage("guestInviter", locale, false);
    await page.goto(`/${T}/admin/guests`);
    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(message(locale, "admin.guests.list.title"));
    // axe runs as a script in the page, so it checks the same pages in a browser that runs scripts.
    const { page: checked } = await adminPage("guestInviter", locale);
    await checked.goto(`/${T}/admin/guests`);
    await expectNoAxeViolations(checked);
    // The GET form's own URL, as the browser without JavaScript submits it.
    await page.goto(`/${T}/admin/guests?state=blocked&q=&sort=newest`);
    const states = await page.locator("main table tbody tr td:nth-child(3)").allTextContents();
    expect(states.every((s) => s === message(locale, "admin.guests.list.options.state.blocked"))).toBe(true);
    await page.goto(`/${T}/admin/guests?from=2026-13-01`);
    expect(await page.title()).toMatch(new RegExp(`^${message(locale, "admin.guests.list.errorTitle")}`));
    await checked.goto(`/${T}/admin/guests?from=2026-13-01`);
    await expectNoAxeViolations(checked);
  });

  it("exports the filter as CSV: streamed, BOM, escaped, formula cells defused, audited", async () => {
    const { page, memberId } = await adminPage("guestInviter");
    const marker = uniqueEmail("csv");
    await prisma().guest.create({
      data: { tenantId: T, userType: "Guest", createdVia: "admin", email: marker, displayName: '=HYPERLINK("x"), "boss"' },
    });
    const response = await fetch(`${baseURL()}/${T}/admin/guests/export.csv?q=${encodeURIComponent(marker)}`, {
      headers: { cookie: await cookieHeader(page), "accept-language": "en" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="guests-woodgrove-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]!.split(",")[1]).toBe(message("en", "admin.guests.list.columns.name"));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x""), ""boss"""`);
    expect(lines[1]).toContain(marker);
    const audited = await prisma().auditEvent.findFirstOrThrow({
      where: { tenantId: T, type: "guests.exported", actorId: memberId },
      orderBy: { createdAt: "desc" },
    });
    expect(audited.actorType).toBe("administrator");
    expect(JSON.parse(audited.data)).toMatchObject({ format: "csv", count: 1, filter: { search: "given" } });
    expect(audited.data).not.toContain(marker);
    const anonymous = await fetch(`${baseURL()}/${T}/admin/guests/export.csv`, { redirect: "manual" });
    expect([303, 307]).toContain(anonymous.status);
  });
});
