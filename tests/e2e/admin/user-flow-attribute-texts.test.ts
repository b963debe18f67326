// The user-flow editor's texts of a custom attribute, against `next start`: an administrator writes
// a choice attribute's label and help in each language of the tenant, relabels a choice, removes one
// and adds one — with JavaScript off, since it is one plain form — and the next sign-up asks with
// those texts; the edit is one audit event with the administrator as actor. A label left empty in
// one of the tenant's languages, a help text in only one, a bad or repeated choice value are refused next to their fields
// (the user-flows file's own rules), with what was typed kept and nothing stored.
import { describe, expect, it } from "vitest";
import type { AttributeEntry } from "../../../app/_lib/journeys";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { baseURL, message, tenant as tenantConfig } from "../support/site";
import { screenshots } from "./portal-requests";
import { flowWithApplication, userFlowService } from "./user-flows-support";

const browser = withBrowser();
const prisma = withDatabase();
const rp = withRelyingParty();
const mailbox = new Mailbox();

const SYSTEM = { type: "system", name: "e2e check" } as const;

/** A choice attribute with texts in the tenant's two languages (the default and English). */
/** A choice attribute labelled in every language of the tenant (the flow's rules ask for all of them). */
function workshop(locales: readonly string[]): AttributeEntry {
  const text = (words: Record<string, string>) => Object.fromEntries(locales.map((l) => [l, words[l] ?? words.en!]));
  return {
    name: "workshop",
    type: "singleChoice",
    required: true,
    label: text({ nl: "Atelier", fr: "Atelier", sv: "Verkstad", en: "Workshop" }),
    options: [
      { value: "pottery", label: text({ en: "Pottery" }) },
      { value: "weaving", label: text({ en: "Weaving" }) },
    ],
  };
}

const tenantLocales = (slug: string) => tenantConfig(slug).locales.enabled;

const storedWorkshop = async (tenant: string, flowName: string) =>
  (await userFlowService(prisma()).getFlow(SYSTEM, tenant, flowName)).definition.attributes!.find((a) => a.name === "workshop");

describe("the texts of a flow's custom attribute", () => {
  it("in nl: writes the label, help and choices per language without JavaScript; the next sign-up asks with them", async () => {
    const tenant = "woodgrove";
    const locale = "nl";
    const { app, flowName } = await flowWithApplication(prisma(), tenant, "texts-nl", [workshop(tenantLocales(tenant))]);
    const m = (key: string, values: Record<string, string> = {}) => message(locale, `admin.userFlows.${key}`, values);
    const page = await browser.newPage({ acceptLanguage: locale, javaScript: false });
    const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), tenant, "globalAdministrator");
    await page.goto(`/${tenant}/admin/user-flows/${flowName}`);
    expect(await htmlLang(page)).toBe(locale);
    const form = page.getByRole("form", { name: "workshop" });
    await form.locator("#workshop-label-nl").fill("Favoriete workshop");
    await form.locator("#workshop-help-nl").fill("Kies er één.");
    await form.locator("#workshop-label-en").fill("Favourite workshop");
    await form.locator("#workshop-help-en").fill("Choose one.");
    await form.locator("#workshop-option-0-nl").fill("Pottenbakken");
    await form.locator("#workshop-option-1-remove").check();
    await form.locator("#workshop-option-2-value").fill("glass");
    await form.locator("#workshop-option-2-nl").fill("Glasblazen");
    await form.locator("#workshop-option-2-en").fill("Glassblowing");
    await screenshots(page, "admin-flow-attribute-texts-nl");
    await submitAndWait(page, () =>
      form.getByRole("button", { name: m("editor.attributeTexts.save", { attribute: "workshop" }) }).click(),
    );
    expect(await page.getByRole("status").textContent()).toBe(m("notices.attributeTextsSaved"));

    expect(await storedWorkshop(tenant, flowName)).toEqual({
      name: "workshop",
      type: "singleChoice",
      required: true,
      label: { nl: "Favoriete workshop", en: "Favourite workshop" },
      help: { nl: "Kies er één.", en: "Choose one." },
      options: [
        { value: "pottery", label: { nl: "Pottenbakken", en: "Pottery" } },
        { value: "glass", label: { nl: "Glasblazen", en: "Glassblowing" } },
      ],
    });
    const events = await prisma().auditEvent.findMany({
      where: { tenantId: tenant, type: "userFlow.updated", targetId: flowName },
    });
    expect(events.map((e) => [e.actorType, e.actorId])).toEqual([["administrator", memberId]]);
    // The form shows what is stored now.
    expect(await form.locator("#workshop-option-1-value").inputValue()).toBe("glass");

    // The next sign-up through this flow asks with the new texts.
    const email = uniqueEmail("attribute-texts-nl");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const guest = await browser.newPage({ acceptLanguage: locale });
    const journey = journeyPage(guest, journeyTexts(locale));
    await guest.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    const main = (await guest.locator("main").textContent()) ?? "";
    expect(main).toContain("Favoriete workshop");
    expect(main).toContain("Kies er één.");
    expect(main).toContain("Glasblazen");
    expect(main).not.toContain("Weaving");
    await journey.fillAttributes({ givenName: "Sanne", surname: "de Vries", workshop: "glass" });
    await journey.submitAttributes();
    expect((await signIn.complete(guest)).claims.sub).toBeTruthy();
  });

  it("in fr: refuses an empty label, a bad and a repeated choice value next to their fields, keeping what was typed", async () => {
    const tenant = "e2e";
    const locale = "fr";
    const { flowName } = await flowWithApplication(prisma(), tenant, "texts-fr", [workshop(tenantLocales(tenant))]);
    const m = (key: string, values: Record<string, string> = {}) => message(locale, `admin.userFlows.${key}`, values);
    const before = await storedWorkshop(tenant, flowName);
    const page = await browser.newPage({ acceptLanguage: locale });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), tenant, "globalAdministrator");
    await page.goto(`/${tenant}/admin/user-flows/${flowName}`);
    await expectNoAxeViolations(page);
    const form = page.getByRole("form", { name: "workshop" });
    await form.locator("#workshop-label-en").fill("");
    await form.locator("#workshop-label-fr").fill("Atelier préféré");
    // A help text in one language only: the guest on the English page would meet none.
    await form.locator("#workshop-help-fr").fill("Choisissez-en un.");
    await form.locator("#workshop-option-0-value").fill("bad value!");
    await form.locator("#workshop-option-2-value").fill("weaving");
    await form.locator("#workshop-option-2-fr").fill("Tissage bis");
    await form.locator("#workshop-option-2-en").fill("Weaving again");
    await submitAndWait(page, () =>
      form.getByRole("button", { name: m("editor.attributeTexts.save", { attribute: "workshop" }) }).click(),
    );

    const problem = async (field: string) => (await page.locator(`#${field}-problem`).textContent())?.trim();
    expect(await problem("workshop-label-en")).toBe(m("problems.textRequired"));
    expect(await problem("workshop-help-en")).toBe(m("problems.helpEveryLanguage"));
    expect(await problem("workshop-option-0-value")).toBe(m("problems.optionValue"));
    expect(await problem("workshop-option-2-value")).toBe(m("problems.optionDuplicate"));
    expect(await page.locator("#workshop-label-en").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#workshop-label-fr").inputValue()).toBe("Atelier préféré");
    expect(await page.locator("#workshop-option-2-en").inputValue()).toBe("Weaving again");
    expect(await page.getByRole("alert", { name: m("problemsTitle") }).count()).toBe(1);
    expect(await htmlLang(page)).toBe(locale);
    await expectNoAxeViolations(page);
    await screenshots(page, "admin-flow-attribute-texts-refused-fr");
    expect(await storedWorkshop(tenant, flowName)).toEqual(before);
    expect(await heading(page)).toBeTruthy();
  });
});
