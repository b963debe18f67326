// Issue 11's main "Done when" in the browser, against next start with real SMTP, in Dutch and in
// Swedish: someone from a connected organisation's domain who is not yet in the directory opens an
// access package's link, proves their address with the passcode (My Access identifies them, no
// guest yet), answers the question, justifies and requests; the first approver follows the link
// in their approval e-mail, signs in to the admin portal with a passcode and approves there; the
// second approves from the portal's queue; the person becomes a guest created via the access
// package, is told in the language they asked in, and the application's next ID token carries the
// package's group and app role in `groups` and `roles`.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { createEntitlementService, type SubjectSet } from "../../../app/_lib/access";
import { createEntitlementStore } from "../../../app/_lib/db";
import { ensureAdministrator, signInAsAdministrator } from "../support/admin";
import { afterConfigCaches, APPS, type TestApplication } from "../support/applications";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { heading, journeyPage, journeyTexts, submitAndWait } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { baseURL, message, url } from "../support/site";
import { screenshots } from "../admin/portal-requests";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();
const system = { type: "system" as const, name: "e2e:myaccess-outsider" };
const EMAIL_OTP = "urn:guestgate:email-otp";
const user = (userId: string): SubjectSet => ({ "@odata.type": "#microsoft.graph.singleUser", userId });

/** What each tenant's sign-up flow may ask a new guest of the application, by field name. */
const ATTRIBUTES: Record<string, string> = {
  displayName: "Pim Partner",
  givenName: "Pim",
  surname: "Partner",
  phone: "+46701234567",
  postalCode: "90325",
  customerNumber: "12345678",
};

/**
 * The application, for this test only, with an app role and group claims (restored afterwards);
 * a published catalog with a group and that app role; a hidden package granting both; a connected
 * organisation of a fresh domain; and a policy for its users with one question and two stages.
 */
async function seed(app: TestApplication, approvers: [string, string], locale: string) {
  const suffix = randomUUID().slice(0, 8);
  const application = await db().application.findFirstOrThrow({ where: { clientId: app.clientId } });
  const roleId = randomUUID();
  const before = { appRoles: application.appRoles, groupMembershipClaims: application.groupMembershipClaims };
  const roles = JSON.parse(application.appRoles) as unknown[];
  await db().application.update({
    where: { id: application.id },
    data: {
      groupMembershipClaims: "SecurityGroup",
      appRoles: JSON.stringify([
        ...roles,
        {
          id: roleId,
          allowedMemberTypes: ["User"],
          displayName: "Partner reader",
          description: "Reads partner data",
          value: "Partner.Read",
          isEnabled: true,
        },
      ]),
    },
  });
  restore.push(async () => {
    await db().application.update({ where: { id: application.id }, data: before });
  });
  const service = createEntitlementService(createEntitlementStore(db()));
  const call = { actor: system, tenantId: app.tenant };
  const group = await db().group.create({
    data: { tenantId: app.tenant, displayName: `Suppliers ${suffix}`, mailNickname: `suppliers-${suffix}` },
  });
  const catalog = await service.createCatalog(call, {
    displayName: `Suppliers ${suffix}`,
    description: "",
    catalogType: "userManaged",
    state: "published",
    isExternallyVisible: true,
  });
  for (const [originSystem, originId] of [
    ["AadGroup", group.id],
    ["AadApplication", application.id],
  ] as const)
    await service.requestResource(call, { requestType: "adminAdd", catalogId: catalog.id, originSystem, originId });
  const accessPackage = await service.createPackage(call, catalog.id, {
    displayName: `Supplier portal ${suffix}`,
    description: "Orders and invoices",
    isHidden: true,
  });
  await service.addRoleScope(call, accessPackage.id, { originId: `Member_${group.id}`, resourceOriginId: group.id });
  await service.addRoleScope(call, accessPackage.id, { originId: roleId, resourceOriginId: application.id });
  const domain = `supplier-${suffix}.example`;
  const organization = await service.createConnectedOrganization(call, {
    displayName: `Supplier ${suffix} AB`,
    description: "",
    state: "configured",
    identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: domain, displayName: domain }],
  });
  const question = randomUUID();
  const policy = await service.createPolicy(call, {
    displayName: "Suppliers, two stages",
    accessPackage: { id: accessPackage.id },
    allowedTargetScope: "specificConnectedOrganizationUsers",
    specificAllowedTargets: [
      { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: organization.id },
    ],
    expiration: { type: "afterDuration", duration: "P30D" },
    requestorSettings: { enableTargetsToSelfAddAccess: true },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isRequestorJustificationRequired: true,
      stages: approvers.map((approver) => ({
        durationBeforeAutomaticDenial: "P7D",
        isApproverJustificationRequired: false,
        primaryApprovers: [user(approver)],
      })),
    },
    questions: [
      {
        "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
        id: question,
        text: "Purchase order number",
        isRequired: true,
        sequence: 0,
        regexPattern: "^PO-[0-9]{4}$",
        localizations: [
          { languageCode: "nl", text: "Inkoopordernummer" },
          { languageCode: "sv", text: "Inköpsordernummer" },
        ],
      },
    ],
  });
  await afterConfigCaches();
  return {
    accessPackage,
    policy,
    group,
    roleId,
    domain,
    question,
    label: locale === "nl" ? "Inkoopordernummer" : "Inköpsordernummer",
  };
}
const restore: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const undo of restore) await undo();
});

/** The journey's address and passcode steps with the code that arrives by mail. */
async function passcode(page: Page, locale: string, email: string) {
  const journey = journeyPage(page, journeyTexts(locale));
  await journey.requestCode(email);
  await journey.enterCode(passcodeIn(await mailbox.next(email)));
}

const CASES = [
  { locale: "nl", app: APPS.woodgrove },
  { locale: "sv", app: APPS.sparbanken },
] as const;

describe.each(CASES)("someone not yet in the directory, through My Access, in $locale", ({ locale, app }) => {
  const say = (key: string, values: Record<string, string> = {}) => message(locale, `myAccess.${key}`, values);
  const admin = (key: string, values: Record<string, string> = {}) => message(locale, `admin.accessApprovals.${key}`, values);
  const t = journeyTexts(locale);

  it("requests a package from its link, is approved in two stages (e-mail link, then queue), and becomes a guest with its group and app role", async () => {
    const tenant = app.tenant;
    const first = `approver1.${randomUUID().slice(0, 6)}@${tenant}.example`;
    const second = `approver2.${randomUUID().slice(0, 6)}@${tenant}.example`;
    const firstId = await ensureAdministrator(db(), tenant, first, "userAdministrator");
    const secondId = await ensureAdministrator(db(), tenant, second, "userAdministrator");
    // Seeded Members have no identity yet: the first approver's passcode links one.
    await db().identity.deleteMany({ where: { guestId: { in: [firstId, secondId] } } });
    const { accessPackage, group, domain, question, label } = await seed(app, [firstId, secondId], locale);
    const email = `pim.${randomUUID().slice(0, 6)}@${domain}`;

    // The link, in a browser not signed in: the sign-in, the passcode, and back at the package.
    const page = await browser.newPage({ acceptLanguage: locale });
    const link = `/${tenant}/myaccess/access-packages/${accessPackage.id}`;
    await page.goto(url(link));
    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(say("signInFirst.title"));
    await submitAndWait(page, () => page.getByRole("link", { name: say("signInFirst.action"), exact: true }).click());
    expect(await heading(page)).toBe(t("otp.request.title"));
    await passcode(page, locale, email);
    expect(new URL(page.url()).pathname).toBe(link);
    expect(await heading(page)).toBe(accessPackage.displayName);
    // Identified, not a guest: nobody was created.
    expect(await page.locator("main").textContent()).toContain(email);
    expect(await db().guest.count({ where: { tenantId: tenant, email } })).toBe(0);
    expect(await page.locator("script").count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshots(page, `myaccess-outsider-package-${locale}`);

    // A wrong answer is refused by field; then the request goes in.
    const answer = page.getByLabel(label);
    await answer.fill("1234");
    await page.getByLabel(say("package.justification")).fill("Levererar reservdelar");
    const submit = () =>
      submitAndWait(page, () => page.getByRole("button", { name: say("package.submit"), exact: true }).click());
    await submit();
    expect(await page.locator(`#answer\\.${question}-error`).textContent()).toBe(say("errors.pattern"));
    await screenshots(page, `myaccess-outsider-problem-${locale}`);
    await answer.fill("PO-2046");
    await submit();
    expect(await page.locator("main [role=status]").textContent()).toBe(say("done.requested"));
    const request = await db().accessPackageAssignmentRequest.findFirstOrThrow({ where: { accessPackageId: accessPackage.id } });
    expect(request).toMatchObject({
      requestType: "userAdd",
      state: "pendingApproval",
      targetGuestId: null,
      targetEmail: email,
      requestorIssuer: EMAIL_OTP,
      requestorSubject: email,
      locale,
    });
    await screenshots(page, `myaccess-outsider-waiting-${locale}`);

    // Their history on My Access, before a guest exists.
    await page.goto(url(`/${tenant}/myaccess`));
    expect(await heading(page)).toBe(say("title"));
    expect(await page.locator("main table").textContent()).toContain(say("states.pendingApproval"));
    expect(await page.locator("main table").textContent()).toContain(accessPackage.displayName);
    await expectNoAxeViolations(page);
    await screenshots(page, `myaccess-outsider-home-${locale}`);

    // Stage 1: the approval e-mail's link, the portal's sign-in with a passcode, the approval there.
    const review = `${baseURL()}/${tenant}/admin/access-approvals/${request.id}`;
    const asked = await mailbox.next(first);
    expect(asked.parsed.text).toContain(review);
    expect(asked.parsed.text).toContain(email);
    const approver = await browser.newPage({ acceptLanguage: locale });
    await approver.goto(review);
    expect(new URL(approver.url()).pathname).toBe(`/${tenant}/admin/sign-in`);
    await approver.getByRole("button", { name: message(locale, "admin.signIn.submit"), exact: true }).click();
    await approver.waitForURL(new RegExp(`/${tenant}/journey/`));
    await passcode(approver, locale, first);
    await approver.waitForURL(review);
    const approve = (on: Page) => on.getByRole("button", { name: admin("decision.approveLabel", { person: email }) }).click();
    await approve(approver);
    await expect.poll(() => approver.getByRole("status").textContent()).toBe(admin("notices.approved"));

    // Stage 2: the second approver, asked by mail too, decides from the queue.
    expect((await mailbox.next(second)).parsed.text).toContain(review);
    const queue = await browser.newPage({ acceptLanguage: locale });
    await signInAsAdministrator(queue.context(), db(), baseURL(), tenant, "userAdministrator", second);
    await queue.goto(`/${tenant}/admin/access-approvals`);
    await queue
      .getByRole("table", { name: admin("queue.mine") })
      .getByRole("link", { name: admin("queue.open", { person: email, accessPackage: accessPackage.displayName }) })
      .click();
    await queue.waitForURL(review);
    await approve(queue);
    await expect.poll(() => queue.getByRole("status").textContent()).toBe(admin("notices.approved"));

    // Delivered: a guest made via the access package, holding the passcode identity, told in their language.
    await expect
      .poll(async () => (await db().accessPackageAssignmentRequest.findUniqueOrThrow({ where: { id: request.id } })).state)
      .toBe("delivered");
    const guest = await db().guest.findFirstOrThrow({ where: { tenantId: tenant, email }, include: { identities: true } });
    expect(guest).toMatchObject({ createdVia: "accessPackage", state: "active" });
    expect(guest.identities.map((i) => [i.issuer, i.subject])).toEqual([[EMAIL_OTP, email]]);
    const ready = await mailbox.next(email);
    expect(ready.parsed.html).toContain(`<html lang="${locale}">`);
    expect(ready.parsed.text).toContain(accessPackage.displayName);

    // The application's next sign-in is as that guest: its ID token has the group and the app role.
    const signIn = await rp.begin(app, { uiLocales: locale });
    const appPage = await browser.newPage({ acceptLanguage: locale });
    await appPage.goto(signIn.url);
    await journeyPage(appPage, t).chooseEmail();
    await passcode(appPage, locale, email);
    // A guest made by an access package has none of the flow's required attributes yet: asked once.
    if (new URL(appPage.url()).pathname.endsWith("/attributes")) {
      const fields = await journeyPage(appPage, t).attributeFields();
      await journeyPage(appPage, t).fillAttributes(
        Object.fromEntries(
          fields
            .filter((name) => name in ATTRIBUTES || name === "country")
            .map((name) => [name, name === "country" ? (locale === "nl" ? "NL" : "SE") : ATTRIBUTES[name]!]),
        ),
      );
      await journeyPage(appPage, t).submitAttributes();
    }
    const signedIn = await signIn.complete(appPage);
    expect(signedIn.claims.sub).toBe(guest.id);
    expect(signedIn.claims.groups).toEqual([group.id]);
    expect(signedIn.claims.roles).toEqual(["Partner.Read"]);
    expect(await db().guest.count({ where: { tenantId: tenant, email } })).toBe(1);

    // Back on My Access they are that guest, holding the access.
    await page.goto(url(link));
    if ((await heading(page)) === say("signInFirst.title")) {
      await submitAndWait(page, () => page.getByRole("link", { name: say("signInFirst.action"), exact: true }).click());
      await passcode(page, locale, email);
    }
    expect(await page.locator("main").textContent()).toContain(say("package.held"));
    await screenshots(page, `myaccess-outsider-delivered-${locale}`);
  });
});
