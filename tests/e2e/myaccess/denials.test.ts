// Denials as the person asking for access lives them (issue 11's Done-when), against next start
// with the suite's real SMTP capture, in French (tenant e2e) and Dutch (woodgrove): an approver
// denies in the portal with a justification, and the person gets the denial mail with that
// justification; a request nobody decides is denied by the lifecycle job once its stage's time ran
// out (run from the test process with the clock moved), and the person gets the automatic-denial
// mail. Each time My Access shows the request denied and offers to ask again, which files a new
// request. Script-free pages.
import { describe, expect, inject, it } from "vitest";
import { ensureAdministrator, signInAsAdministrator } from "../support/admin";
import { lifecycleJobOn } from "../support/access-jobs";
import { expectNoAxeViolations } from "../support/axe";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { heading, journeyPage, journeyTexts, submitAndWait } from "../support/journey";
import { Mailbox, passcodeIn, type ReceivedMail } from "../support/mailbox";
import { baseURL, message, tenant as tenantConfig } from "../support/site";
import { seedGuest, seedPendingRequest, user } from "../admin/access-seed";
import type { Page } from "playwright-core";

const browser = withBrowser();
const prisma = withDatabase();
const mailbox = new Mailbox();
const HOUR = 3600 * 1000;
const guestSuffix = () => Math.random().toString(36).slice(2, 8);

/** The mail's subject and text, as the reader's language writes them. */
function expectMail(mail: ReceivedMail, locale: string, kind: string, values: Record<string, string>) {
  expect(mail.parsed.subject).toBe(message(locale, `mail.accessPackage.${kind}.subject`, values));
  expect(mail.parsed.text).toContain(message(locale, `mail.accessPackage.${kind}.heading`));
  expect(mail.parsed.text).toContain(message(locale, `mail.accessPackage.${kind}.intro`, values));
}

describe.each([
  { tenant: "e2e", locale: "fr", person: "Elise Renard" },
  { tenant: "woodgrove", locale: "nl", person: "Daan Visser" },
])("denied access requests ($locale)", ({ tenant, locale, person }) => {
  const t = journeyTexts(locale);
  const say = (key: string, values: Record<string, string> = {}) => message(locale, `myAccess.${key}`, values);
  const approvals = (key: string, values: Record<string, string> = {}) => message(locale, `admin.accessApprovals.${key}`, values);

  /** A guest of the directory who signed up with the passcode before (its e-mail identity). */
  async function directoryGuest() {
    const guest = await seedGuest(prisma(), tenant, person);
    await prisma().identity.create({
      data: {
        tenantId: tenant,
        guestId: guest.id,
        issuer: "urn:guestgate:email-otp",
        subject: guest.email!,
        provider: "email",
        email: guest.email!,
      },
    });
    return guest;
  }

  /** My Access in a fresh browser, signed in with the passcode the person receives. */
  async function myAccess(email: string): Promise<Page> {
    const page = await browser.newPage({ acceptLanguage: locale });
    await page.goto(`/${tenant}/myaccess`);
    await submitAndWait(page, () => page.getByRole("link", { name: say("signInFirst.action"), exact: true }).click());
    const journey = journeyPage(page, t);
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    expect(await heading(page)).toBe(say("title"));
    return page;
  }

  /** My Access lists the request denied; its package's page offers to ask again, and asking files a new request. */
  async function expectDeniedAndResubmit(page: Page, guestId: string, packageId: string, packageName: string) {
    const row = page.locator("main table tbody tr").filter({ hasText: packageName });
    expect(await row.locator("td").nth(1).textContent()).toBe(say("states.denied"));
    await expectNoAxeViolations(page);
    await submitAndWait(page, () => row.getByRole("link", { name: packageName, exact: true }).click());
    expect(await heading(page)).toBe(packageName);
    expect(await page.locator("main").textContent()).toContain(say("package.again"));
    await page.getByLabel(new RegExp(`^${say("package.justification")}`)).fill("Nouveau contrat / nieuw contract");
    await submitAndWait(page, () => page.getByRole("button", { name: say("package.submit"), exact: true }).click());
    expect(await page.locator("main [role=status]").textContent()).toBe(say("done.requested"));
    const requests = await prisma().accessPackageAssignmentRequest.findMany({
      where: { accessPackageId: packageId, targetGuestId: guestId },
      orderBy: { createdAt: "asc" },
    });
    expect(requests.map((r) => [r.requestType, r.state])).toEqual([
      ["adminAdd", "denied"],
      ["userAdd", "pendingApproval"],
    ]);
    expect(await page.locator("script").count()).toBe(0);
  }

  it("an approver's denial in the portal reaches the person with the justification; My Access offers to ask again", async () => {
    const approver = await browser.newPage({ acceptLanguage: locale });
    const approverId = await signInAsAdministrator(approver.context(), prisma(), baseURL(), tenant, "userAdministrator");
    const guest = await directoryGuest();
    const { request, accessPackage } = await seedPendingRequest(prisma(), tenant, {
      targetId: guest.id,
      stages: [[user(approverId)]],
    });

    // The approver denies, with the justification the policy requires.
    await approver.goto(`/${tenant}/admin/access-approvals/${request.id}`);
    const reason =
      locale === "fr" ? "Le contrat avec votre société a pris fin en mai." : "Het contract met uw bedrijf is in mei afgelopen.";
    await approver.getByLabel(approvals("decision.justification"), { exact: true }).fill(reason);
    await submitAndWait(approver, () =>
      approver.getByRole("button", { name: approvals("decision.denyLabel", { person }), exact: true }).click(),
    );
    expect(await approver.getByRole("status").textContent()).toBe(approvals("notices.denied"));

    // The denial mail, in the person's language, quotes the approver.
    const values = { tenant: tenantConfig(tenant).displayName, accessPackage: accessPackage.displayName };
    const mail = await mailbox.next(guest.email!);
    expectMail(mail, locale, "denied", values);
    expect(mail.parsed.text).toContain(message(locale, "mail.accessPackage.denied.messageFrom"));
    expect(mail.parsed.text).toContain(`> ${reason}`);
    expect(mail.parsed.html).toContain(reason.replaceAll("'", "&#39;"));

    await expectDeniedAndResubmit(await myAccess(guest.email!), guest.id, accessPackage.id, accessPackage.displayName);
  });

  it("a stage whose time ran out is denied by the job; the person is told, and My Access offers to ask again", async () => {
    const approverId = await ensureAdministrator(
      prisma(),
      tenant,
      `late.${guestSuffix()}@${tenant}.example`,
      "userAdministrator",
    );
    const guest = await directoryGuest();
    // An hour to decide: moving the clock two hours on denies it, and nothing of other tests (days).
    const { request, accessPackage } = await seedPendingRequest(prisma(), tenant, {
      targetId: guest.id,
      stages: [[user(approverId)]],
      stageDuration: "PT1H",
    });
    const job = lifecycleJobOn(prisma(), {
      baseUrl: baseURL(),
      smtpUrl: inject("cliEnv").SMTP_URL!,
      tenantsConfigPath: inject("tenantsConfigPath"),
    });
    expect((await job.runAt(new Date(Date.now() + 30 * 60 * 1000))).denied).toBe(0);
    expect((await job.runAt(new Date(Date.now() + 2 * HOUR))).denied).toBeGreaterThanOrEqual(1);
    const denied = await prisma().accessPackageAssignmentRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(denied.state).toBe("denied");

    const values = { tenant: tenantConfig(tenant).displayName, accessPackage: accessPackage.displayName };
    expectMail(await mailbox.next(guest.email!), locale, "autoDenied", values);
    const audit = await prisma().auditEvent.findMany({ where: { targetId: request.id, type: { endsWith: "denied" } } });
    expect(audit.map((e) => [e.actorType, e.actorId])).toEqual([["system", "job:access-package-lifecycle"]]);

    await expectDeniedAndResubmit(await myAccess(guest.email!), guest.id, accessPackage.id, accessPackage.displayName);
  });
});
