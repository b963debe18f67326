// My Access in the browser (issue 11), in Dutch and in French: a guest of the directory opens an
// access package's link in a browser that is not signed in, signs in with the passcode from real
// SMTP (the My Access sign-in journey), answers the policy's questions (an empty form and a wrong
// pattern are refused by field, with focus on the summary), requests under a policy without
// approval, and sees the assignment on My Access; the next ID token of the application carries the
// package's group; then the guest removes their own access. Against next start, script-free pages.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEntitlementService } from "../../../app/_lib/access";
import { createEntitlementStore } from "../../../app/_lib/db";
import { APPS, type TestApplication } from "../support/applications";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { message, url } from "../support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();
const system = { type: "system" as const, name: "e2e:myaccess" };

/** A published catalog, a package granting a new group's membership, and a self-service policy with two questions. */
async function packageWithQuestions(app: TestApplication, label: string) {
  const service = createEntitlementService(createEntitlementStore(db()));
  const call = { actor: system, tenantId: app.tenant };
  const group = await db().group.create({
    data: { tenantId: app.tenant, displayName: `Partners ${label}`, mailNickname: `partners-${label}` },
  });
  const catalog = await service.createCatalog(call, {
    displayName: `Partners ${label}`,
    description: "",
    catalogType: "userManaged",
    state: "published",
    isExternallyVisible: true,
  });
  await service.requestResource(call, {
    requestType: "adminAdd",
    catalogId: catalog.id,
    originSystem: "AadGroup",
    originId: group.id,
  });
  const accessPackage = await service.createPackage(call, catalog.id, {
    displayName: `Partner portal ${label}`,
    description: "",
    isHidden: true,
  });
  await service.addRoleScope(call, accessPackage.id, { originId: `Member_${group.id}`, resourceOriginId: group.id });
  const kvk = randomUUID();
  const role = randomUUID();
  await service.createPolicy(call, {
    displayName: "Partners, no approval",
    accessPackage: { id: accessPackage.id },
    allowedTargetScope: "allDirectoryUsers",
    expiration: { type: "afterDuration", duration: "P30D" },
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: true },
    requestApprovalSettings: { isApprovalRequiredForAdd: false, isRequestorJustificationRequired: false },
    questions: [
      {
        "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
        id: kvk,
        text: "Chamber of commerce number",
        isRequired: true,
        sequence: 0,
        regexPattern: "^[0-9]{8}$",
        localizations: [
          { languageCode: "nl", text: "KvK-nummer" },
          { languageCode: "fr", text: "Numéro KvK" },
        ],
      },
      {
        "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
        id: role,
        text: "Role",
        isRequired: true,
        sequence: 1,
        localizations: [
          { languageCode: "nl", text: "Rol" },
          { languageCode: "fr", text: "Rôle" },
        ],
        choices: [
          {
            actualValue: "dev",
            text: "Developer",
            localizations: [
              { languageCode: "nl", text: "Ontwikkelaar" },
              { languageCode: "fr", text: "Développeur" },
            ],
          },
          { actualValue: "ops", text: "Operations", localizations: [{ languageCode: "nl", text: "Beheer" }] },
        ],
      },
    ],
  });
  return { accessPackage, group, kvk, role };
}

/** Each language on a tenant that offers it, with what its application's sign-up flow asks. */
const CASES: {
  locale: string;
  app: TestApplication;
  attributes: Record<string, string>;
  labels: { kvk: string; dev: string };
}[] = [
  {
    locale: "nl",
    app: APPS.woodgrove,
    attributes: { displayName: "Fleur de Wit", givenName: "Fleur", surname: "de Wit", country: "NL" },
    labels: { kvk: "KvK-nummer", dev: "Ontwikkelaar" },
  },
  {
    locale: "fr",
    app: APPS.e2e,
    attributes: { displayName: "Élodie Martin", givenName: "Élodie", surname: "Martin", country: "FR", workshop: "weaving" },
    labels: { kvk: "Numéro KvK", dev: "Développeur" },
  },
];

describe.each(CASES)("My Access in $locale", ({ locale, app, attributes, labels }) => {
  const t = journeyTexts(locale);
  const say = (key: string, values: Record<string, string> = {}) => message(locale, `myAccess.${key}`, values);

  it("signs a guest in with the passcode from a package link, takes validated answers, and delivers the access", async () => {
    // The directory user: a guest who signed up through the tenant's application (another browser).
    const email = uniqueEmail(`myaccess-${locale}`);
    const signUp = await rp.begin(app, { uiLocales: locale });
    const first = await browser.newPage({ acceptLanguage: locale });
    const signUpJourney = journeyPage(first, t);
    await first.goto(signUp.url);
    await signUpJourney.chooseEmail();
    await signUpJourney.requestCode(email);
    await signUpJourney.enterCode(passcodeIn(await mailbox.next(email)));
    await signUpJourney.fillAttributes(attributes);
    await signUpJourney.submitAttributes();
    await signUp.complete(first);
    const guest = await db().guest.findFirstOrThrow({ where: { tenantId: app.tenant, email } });
    const { accessPackage, group, kvk, role } = await packageWithQuestions(app, `${locale}-${Date.now().toString(36)}`);

    // A fresh browser opens the package's link: it is asked to sign in, and comes back after the passcode.
    const page = await browser.newPage({ acceptLanguage: locale });
    const link = `/${app.tenant}/myaccess/access-packages/${accessPackage.id}`;
    await page.goto(url(link));
    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(say("signInFirst.title"));
    await submitAndWait(page, () => page.getByRole("link", { name: say("signInFirst.action"), exact: true }).click());
    expect(await heading(page)).toBe(t("otp.request.title"));
    const journey = journeyPage(page, t);
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    expect(new URL(page.url()).pathname).toBe(link);
    expect(await heading(page)).toBe(accessPackage.displayName);

    // Nothing answered: both questions are named in the summary, which has the focus; each field says why.
    const submit = () =>
      submitAndWait(page, () => page.getByRole("button", { name: say("package.submit"), exact: true }).click());
    await submit();
    expect(await page.title()).toMatch(/^(Fout|Erreur)/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    const kvkField = page.getByLabel(new RegExp(`^${labels.kvk}`));
    expect(await kvkField.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#answer\\.${kvk}-error`).textContent()).toBe(say("errors.required"));
    expect(await page.locator(`#answer\\.${role}-error`).textContent()).toBe(say("errors.required"));
    // Script-free and accessible, errors and all.
    expect(await page.locator("script").count()).toBe(0);
    await expectNoAxeViolations(page);

    // A number of the wrong form comes back with what was typed and the pattern's message.
    await kvkField.fill("1234");
    await page.getByLabel(labels.dev, { exact: true }).check();
    await submit();
    expect(await page.locator(`#answer\\.${kvk}-error`).textContent()).toBe(say("errors.pattern"));
    expect(await kvkField.inputValue()).toBe("1234");
    expect(await page.getByLabel(labels.dev, { exact: true }).isChecked()).toBe(true);

    await kvkField.fill("12345678");
    await submit();
    expect(await page.locator("main [role=status]").textContent()).toBe(say("done.delivered"));
    expect(await page.locator("main").textContent()).toContain(say("package.held"));
    const request = await db().accessPackageAssignmentRequest.findFirstOrThrow({
      where: { accessPackageId: accessPackage.id, targetGuestId: guest.id },
    });
    expect(request).toMatchObject({ requestType: "userAdd", state: "delivered", requestorId: guest.id });
    expect(JSON.parse(request.answers)).toEqual([
      expect.objectContaining({ value: "12345678", answeredQuestion: expect.objectContaining({ id: kvk }) }),
      expect.objectContaining({ value: "dev", displayValue: "Developer" }),
    ]);
    expect(await db().groupMember.count({ where: { groupId: group.id, guestId: guest.id } })).toBe(1);

    // My Access lists the access and the request; the guest removes the access again.
    await submitAndWait(page, () => page.getByRole("link", { name: say("package.back"), exact: true }).click());
    expect(await heading(page)).toBe(say("title"));
    const main = page.locator("main");
    expect(await main.textContent()).toContain(accessPackage.displayName);
    expect(await main.locator("table").textContent()).toContain(say("states.delivered"));
    await expectNoAxeViolations(page);
    await submitAndWait(page, () =>
      page.getByRole("button", { name: `${say("assignments.remove")} ${accessPackage.displayName}`, exact: true }).click(),
    );
    expect(await page.locator("main [role=status]").textContent()).toBe(say("done.removed"));
    expect(await db().groupMember.count({ where: { groupId: group.id, guestId: guest.id } })).toBe(0);
    const audit = await db().auditEvent.findMany({
      where: { targetId: guest.id, type: { startsWith: "accessPackageAssignment." } },
    });
    expect(audit.map((e) => [e.type, e.actorType, e.actorId])).toEqual(
      expect.arrayContaining([
        ["accessPackageAssignment.delivered", "guest", guest.id],
        ["accessPackageAssignment.removed", "guest", guest.id],
      ]),
    );
  });
});
