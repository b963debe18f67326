// The portal's user-flow editor against `next start`, in each language of the portal: an
// administrator opens the tenant's flows, moves an attribute up, adds one, and writes the attribute
// page's title in the guest's language — with JavaScript off, since every button is a plain form —
// and the next sign-up through that flow shows the new title and the new order. Each change is an
// audit event with the administrator as actor; a stale page's edit is refused, not written over.
// Then the administrator finds that new guest and blocks them: their next sign-in shows the blocked
// page in their language and the application never gets a code. The audit log, read in the
// administrator's language, lists the flow's creation and the three edits.
import { describe, expect, it } from "vitest";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { baseURL, message } from "../support/site";
import { portalCaller } from "./portal-requests";
import { flowWithApplication, userFlowService } from "./user-flows-support";

const browser = withBrowser();
const prisma = withDatabase();
const rp = withRelyingParty();
const mailbox = new Mailbox();

/** Each portal language with a tenant whose sign-up pages speak it. */
const MATRIX = [
  { locale: "en", tenant: "woodgrove" },
  { locale: "nl", tenant: "woodgrove" },
  { locale: "sv", tenant: "sparbanken" },
  { locale: "fr", tenant: "e2e" },
] as const;

describe("the admin portal's user-flow editor", () => {
  it.each(MATRIX)(
    "in $locale: edits and reorders a flow without JavaScript, the next sign-up shows the change and moves the funnel, and the guest, edited then blocked, is refused",
    async ({ locale, tenant }) => {
      const { app, flowName, displayName } = await flowWithApplication(prisma(), tenant, locale);
      const m = (key: string, values: Record<string, string> = {}) => message(locale, `admin.userFlows.${key}`, values);
      const page = await browser.newPage({ acceptLanguage: locale, javaScript: false });
      const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), tenant, "globalAdministrator");

      await page.goto(`/${tenant}/admin/user-flows`);
      expect(await htmlLang(page)).toBe(locale);
      expect(await heading(page)).toBe(m("list.title"));
      const table = page.getByRole("table", { name: m("list.caption") });
      await submitAndWait(page, () => table.getByRole("link", { name: displayName }).click());
      expect(new URL(page.url()).pathname).toBe(`/${tenant}/admin/user-flows/${flowName}`);
      expect(await heading(page)).toBe(displayName);

      const label = (name: string) => message(locale, `attributes.labels.${name}`);
      const attributes = page.getByRole("table", { name: m("editor.attributes.caption") });
      const rowNames = async () =>
        (await attributes.locator("tbody th").allTextContents()).map((text) => text.replace(/\s*\(.*\)$/, "").trim());
      expect(await rowNames()).toEqual([label("givenName"), label("surname")]);

      // Reorder by a plain submit button: the surname goes first.
      await submitAndWait(page, () =>
        attributes.getByRole("button", { name: `${m("editor.attributes.moveUp")} – ${label("surname")}` }).click(),
      );
      expect(await page.getByRole("status").textContent()).toBe(m("notices.attributeMoved"));
      expect(await rowNames()).toEqual([label("surname"), label("givenName")]);

      // One more attribute of the tenant's, required.
      await page.getByLabel(m("editor.attributes.add"), { exact: true }).selectOption("city");
      await page.getByLabel(m("editor.attributes.addRequired"), { exact: true }).check();
      await submitAndWait(page, () => page.getByRole("button", { name: m("editor.attributes.addButton"), exact: true }).click());
      expect(await rowNames()).toEqual([label("surname"), label("givenName"), label("city")]);

      // The attribute page's title in the guest's language.
      const title = `${displayName} – ${locale}`;
      const language = { en: "English", nl: "Nederlands", sv: "Svenska", fr: "Français" }[locale];
      await page.getByLabel(m("editor.texts.label", { language }), { exact: true }).fill(`attributes.page.title = ${title}`);
      await submitAndWait(page, () => page.getByRole("button", { name: m("editor.texts.save", { language }) }).click());
      expect(await page.getByRole("status").textContent()).toBe(m("notices.textsSaved"));

      // The same stored flow the journeys read, each change audited with the administrator as actor.
      const stored = await userFlowService(prisma()).getFlow({ type: "system", name: "e2e check" }, tenant, flowName);
      expect(stored.definition.attributes).toEqual([
        { name: "surname", required: true },
        { name: "givenName", required: true },
        { name: "city", required: true },
      ]);
      const events = await prisma().auditEvent.findMany({
        where: { tenantId: tenant, type: "userFlow.updated", targetId: flowName },
      });
      expect(events).toHaveLength(3);
      expect(new Set(events.map((e) => e.actorId))).toEqual(new Set([memberId]));

      // The audit log tells the flow's story in the administrator's language: created by the
      // operator, then the three edits by this administrator.
      await page.goto(`/${tenant}/admin/audit?${new URLSearchParams({ target: flowName })}`);
      expect(await htmlLang(page)).toBe(locale);
      const log = page.getByRole("table", { name: message(locale, "admin.audit.table.caption") });
      expect(await log.locator("tbody tr").count()).toBe(4);
      expect((await log.textContent()) ?? "").toContain(`globaladministrator@${tenant}.example`);

      // The funnel before the sign-up below, as the overview shows it in the administrator's language.
      const guestsCreated = async () => {
        await page.goto(`/${tenant}/admin`);
        expect(await htmlLang(page)).toBe(locale);
        expect(await heading(page)).toBe(message(locale, "admin.overview.title"));
        const cell = await page.locator('#funnel-table tr[data-step="guestCreated"] td').first().textContent();
        return Number((cell ?? "").replace(/\D/g, ""));
      };
      const createdBefore = await guestsCreated();

      // The next sign-up through this flow: the new title, the new order.
      const t = journeyTexts(locale, { "attributes.page.title": title });
      const email = uniqueEmail(`portal-flow-${locale}`);
      const signIn = await rp.begin(app, { uiLocales: locale });
      const guest = await browser.newPage({ acceptLanguage: locale });
      const journey = journeyPage(guest, t);
      await guest.goto(signIn.url);
      await journey.chooseEmail();
      await journey.requestCode(email);
      await journey.enterCode(passcodeIn(await mailbox.next(email)));
      expect(await heading(guest)).toBe(title);
      expect(await journey.attributeFields()).toEqual(["surname", "givenName", "city"]);
      await journey.fillAttributes({ surname: "Lindqvist", givenName: "Ebba", city: "Umeå" });
      await journey.submitAttributes();
      const result = await signIn.complete(guest);
      expect(result.claims.sub).toBeTruthy();
      const created = await prisma().guest.findFirstOrThrow({
        where: { tenantId: tenant, email },
        include: { attributes: true },
      });
      expect(created.attributes.find((a) => a.name === "city")?.value).toBe(JSON.stringify("Umeå"));
      // The funnel counts it (other files' sign-ups may land in the same window, hence at least one).
      expect(await guestsCreated()).toBeGreaterThanOrEqual(createdBefore + 1);

      // The administrator finds the guest who just signed up, edits an attribute and blocks them
      // (same pages, no JavaScript).
      const g = (key: string) => message(locale, `admin.guests.${key}`);
      await page.goto(`/${tenant}/admin/guests`);
      await page.getByLabel(g("list.fields.q"), { exact: true }).fill(email);
      await submitAndWait(page, () => page.getByRole("button", { name: g("list.apply") }).click());
      const found = page.getByRole("table", { name: g("list.caption") });
      expect(await found.getByRole("row").count()).toBe(2);
      await submitAndWait(page, () => found.getByRole("row").nth(1).getByRole("link").first().click());
      expect(new URL(page.url()).pathname).toBe(`/${tenant}/admin/guests/${created.id}`);
      await submitAndWait(page, () => page.getByRole("link", { name: g("detail.actions.edit") }).click());
      await page.locator('main form [name="city"]').fill("Luleå");
      await submitAndWait(page, () => page.getByRole("button", { name: g("edit.save") }).click());
      expect(await page.getByRole("status").first().textContent()).toBe(g("detail.notices.saved"));
      const city = await prisma().attributeValue.findUniqueOrThrow({
        where: { guestId_name: { guestId: created.id, name: "city" } },
      });
      expect(JSON.parse(city.value)).toBe("Luleå");
      await submitAndWait(page, () => page.getByRole("link", { name: g("detail.actions.block") }).click());
      await submitAndWait(page, () => page.getByRole("button", { name: g("confirm.block.submit") }).click());
      expect((await prisma().guest.findUniqueOrThrow({ where: { id: created.id } })).state).toBe("blocked");

      // Their next sign-in: the blocked page in their language, and the application gets no code.
      const again = await rp.begin(app, { uiLocales: locale });
      const blockedPage = await browser.newPage({ acceptLanguage: locale });
      const blockedJourney = journeyPage(blockedPage, t);
      await blockedPage.goto(again.url);
      await blockedJourney.chooseEmail();
      await blockedJourney.requestCode(email);
      await blockedJourney.enterCode(passcodeIn(await mailbox.next(email)));
      expect(await htmlLang(blockedPage)).toBe(locale);
      expect(await heading(blockedPage)).toBe(t("journey.blocked.title"));
      expect(rp.arrivals().some((at) => at.searchParams.get("state") === again.state && at.searchParams.has("code"))).toBe(false);
      expect(await prisma().authorizationCode.count({ where: { tenantId: tenant, guestId: created.id, consumedAt: null } })).toBe(
        0,
      );
    },
  );

  it("is accessible with scripts, and refuses the edit of a page drawn before another administrator's change", async () => {
    const tenant = "woodgrove";
    const { flowName } = await flowWithApplication(prisma(), tenant, "stale");
    const page = await browser.newPage({ acceptLanguage: "en" });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), tenant, "globalAdministrator");
    await page.goto(`/${tenant}/admin/user-flows`);
    await expectNoAxeViolations(page);
    await page.goto(`/${tenant}/admin/user-flows/${flowName}`);
    await expectNoAxeViolations(page);
    const staleVersion = await page.locator('input[name="version"]').first().inputValue();

    // Another administrator removes the surname meanwhile.
    const other = await portalCaller(prisma(), tenant, "globalAdministrator", "other-flow-editor@woodgrove.example");
    const removed = await other.post(`/${tenant}/admin/user-flows/${flowName}/attributes`, {
      intent: "remove",
      attribute: "surname",
      version: staleVersion,
    });
    expect(removed.status).toBe(303);

    // The first page's move, made on what it showed, is refused and says why; nothing is written.
    await submitAndWait(page, () =>
      page.getByRole("button", { name: `${message("en", "admin.userFlows.editor.attributes.moveDown")} – First name` }).click(),
    );
    const alert = page.getByRole("alert", { name: message("en", "admin.userFlows.problemsTitle") });
    expect(await alert.textContent()).toContain(message("en", "admin.userFlows.problems.modified"));
    await expectNoAxeViolations(page);
    const stored = await userFlowService(prisma()).getFlow({ type: "system", name: "e2e check" }, tenant, flowName);
    expect(stored.definition.attributes).toEqual([{ name: "givenName", required: true }]);
  });
});
