// The end of access from an access package (issue 11's Done-when), against next start with the
// suite's real SMTP capture, in Dutch (woodgrove) and Swedish (sparbanken), each its tenant's
// language: an administrator's adminAdd through the Graph client for an address not yet in the
// directory makes a guest through the access package (creationType accessPackage) with the
// package's group and app role; the person signs in to the application and its ID token carries
// both. Then the clock moves (the lifecycle job run from the test process on the server's
// database): a week before the end the expiring-soon mail, at the end the expired mail, and the
// next ID token has neither group nor role; the guest, left without access, is blocked (the next
// sign-in is refused) and after the tenant's deletion delay deleted. The audit trail of all of it
// stays readable on the portal's audit page.
import type { Client } from "@microsoft/microsoft-graph-client";
import { describe, expect, inject, it } from "vitest";
import type { Locale } from "../../../app/_lib/i18n";
import { mailDate } from "../../../app/_lib/mail";
import { signInAsAdministrator } from "../support/admin";
import { lifecycleJobOn } from "../support/access-jobs";
import type { TestApplication } from "../support/applications";
import { withBrowser } from "../support/browser";
import { ALL_PERMISSIONS, withGraphServer } from "../support/graph";
import { heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn, type ReceivedMail } from "../support/mailbox";
import { tenantsConfigPath } from "../support/paths";
import { withRelyingParty } from "../support/relying-party";
import { message, tenant as tenantConfig } from "../support/site";

const EM = "/identityGovernance/entitlementManagement";
const ROLE_ID = "7c1e0000-0000-4000-8000-00000000b001";
const DAY = 24 * 3600 * 1000;
const mailbox = new Mailbox();
const browser = withBrowser();
const graph = withGraphServer("sqlite", {
  env: { SMTP_URL: inject("cliEnv").SMTP_URL, MAIL_FROM: "Guestgate e2e <no-reply@guestgate.test>" },
});
const rp = withRelyingParty({ origin: () => graph.origin() });

/** An application with an app role and group claims, its own passcode-only flow, a group, and a package granting both. */
async function packageOnGraph(client: Client, tenant: string, label: string) {
  const application = await client.api("/applications").post({
    displayName: `Supplier portal ${label}`,
    publicClient: { redirectUris: ["http://127.0.0.1/callback"] },
    // Where an invitation to it may lead: the test application's own server.
    web: { homePageUrl: `${rp.origin()}/welcome` },
    groupMembershipClaims: "SecurityGroup",
    appRoles: [
      {
        id: ROLE_ID,
        allowedMemberTypes: ["User"],
        displayName: "Supplier",
        description: "Sends orders",
        value: "Supplier.Write",
        isEnabled: true,
      },
    ],
  });
  await client.api("/identity/b2xUserFlows").post({
    id: `Suppliers${label}`,
    userFlowType: "signUpOrSignIn",
    userFlowTypeVersion: 1,
    identityProviders: [{ id: "emailotpsignup-oauth" }],
    guestgateApplications: [application.appId],
  });
  const group = await client
    .api("/groups")
    .post({ displayName: `Suppliers ${label}`, mailEnabled: false, mailNickname: `suppliers-${label}`, securityEnabled: true });
  const catalog = await client.api(`${EM}/catalogs`).post({ displayName: `Suppliers ${label}`, isExternallyVisible: true });
  for (const [originSystem, originId] of [
    ["AadGroup", group.id],
    ["AadApplication", application.id],
  ])
    await client
      .api(`${EM}/resourceRequests`)
      .post({ requestType: "adminAdd", resource: { originId, originSystem }, catalog: { id: catalog.id } });
  const accessPackage = await client
    .api(`${EM}/accessPackages`)
    .post({ displayName: `Supplier portal ${label}`, catalog: { id: catalog.id } });
  await client.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
    role: {
      originId: `Member_${group.id}`,
      originSystem: "AadGroup",
      resource: { originId: group.id, originSystem: "AadGroup" },
    },
    scope: { originId: group.id, originSystem: "AadGroup", isRootScope: true },
  });
  await client.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
    role: {
      originId: ROLE_ID,
      originSystem: "AadApplication",
      resource: { originId: application.id, originSystem: "AadApplication" },
    },
    scope: { originId: application.id, originSystem: "AadApplication" },
  });
  const policy = await client.api(`${EM}/assignmentPolicies`).post({
    displayName: "Suppliers, ten days",
    accessPackage: { id: accessPackage.id },
    allowedTargetScope: "allExternalUsers",
    expiration: { type: "afterDuration", duration: "P10D" },
  });
  const app: TestApplication = {
    tenant,
    clientId: application.appId,
    name: application.displayName,
    registeredRedirectUri: "http://127.0.0.1/callback",
    redirectPath: "/callback",
    flowFile: "",
    passcodeOnly: true,
  };
  return { app, group, catalog, accessPackage, policy };
}

/** The mail's subject and text, with what the reader's language writes there. */
function expectMail(mail: ReceivedMail, locale: string, kind: string, values: Record<string, string>) {
  expect(mail.parsed.subject).toBe(message(locale, `mail.accessPackage.${kind}.subject`, values));
  expect(mail.parsed.text).toContain(message(locale, `mail.accessPackage.${kind}.heading`));
  expect(mail.parsed.text).toContain(message(locale, `mail.accessPackage.${kind}.intro`, values));
}

describe.each([
  { tenant: "woodgrove", locale: "nl" },
  { tenant: "sparbanken", locale: "sv" },
])("the end of an access package's access ($locale)", ({ tenant, locale }) => {
  const t = journeyTexts(locale);

  it("mails before and at expiry, takes the group and app role from the next ID token, blocks, then deletes the guest", async () => {
    const client = await graph.client(await graph.register(ALL_PERMISSIONS, tenant));
    const label = `${locale}${Date.now().toString(36)}`;
    const { app, group, catalog, accessPackage, policy } = await packageOnGraph(client, tenant, label);
    const values = { tenant: tenantConfig(tenant).displayName, accessPackage: accessPackage.displayName };
    // A second package, granting nothing the application sees, for twenty days: the guest's last assignment.
    const newsletter = await client
      .api(`${EM}/accessPackages`)
      .post({ displayName: `Newsletter ${label}`, catalog: { id: catalog.id } });
    const longer = await client.api(`${EM}/assignmentPolicies`).post({
      displayName: "Newsletter, twenty days",
      accessPackage: { id: newsletter.id },
      allowedTargetScope: "allExternalUsers",
      expiration: { type: "afterDuration", duration: "P20D" },
    });

    // adminAdd for an address not in the directory: delivered at once, the guest made by the package.
    const email = uniqueEmail(`expiry-${locale}`);
    const adminAdd = (packageId: string, policyId: string) =>
      client.api(`${EM}/assignmentRequests`).post({
        requestType: "adminAdd",
        assignment: { target: { email }, assignmentPolicyId: policyId, accessPackageId: packageId },
        justification: "Delivers spare parts",
      });
    expect((await adminAdd(accessPackage.id, policy.id)).state).toBe("delivered");
    const [user] = (await client.api("/users").filter(`mail eq '${email}'`).select("id").get()).value;
    const made = await graph.prisma().guest.findUniqueOrThrow({ where: { id: user.id } });
    expect(made.createdVia).toBe("accessPackage");
    const ready = await mailbox.next(email);
    expectMail(ready, locale, "delivered", values);
    // A new guest's mail leads through its invitation, where the address is proven first.
    const invite = new RegExp(`href="(https?://[^"]+/${tenant}/invite/[A-Za-z0-9_-]{20,})"`).exec(String(ready.parsed.html))?.[1];
    expect(invite).toBeDefined();
    expect((await adminAdd(newsletter.id, longer.id)).state).toBe("delivered");
    expectMail(await mailbox.next(email), locale, "delivered", { ...values, accessPackage: newsletter.displayName });

    // The person follows the delivered mail's link: redeems the guest account the package made and
    // lands in My Access; then signs in to the application: the ID token has the group and the role.
    const page = await browser.newPage({ baseURL: graph.origin(), acceptRunCertificate: true, acceptLanguage: locale });
    await page.goto(invite!);
    const journey = journeyPage(page, t);
    await submitAndWait(page, () => journey.button(t("journey.chooseProvider.emailOption")).click());
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    await page.waitForURL((at) => at.pathname.startsWith(`/${tenant}/myaccess`), { timeout: 15_000 });
    const signIn = async (target = page) => {
      const pending = await rp.begin(app, { uiLocales: locale });
      await target.goto(pending.url);
      const steps = journeyPage(target, t);
      await steps.chooseEmail();
      await steps.requestCode(email);
      await steps.enterCode(passcodeIn(await mailbox.next(email)));
      return pending;
    };
    const signedIn = await rp.begin(app, { uiLocales: locale });
    await page.goto(signedIn.url);
    // Silent when the redemption left a session; otherwise the passcode once more.
    if (!page.url().startsWith(rp.origin())) {
      await journey.chooseEmail();
      await journey.requestCode(email);
      await journey.enterCode(passcodeIn(await mailbox.next(email)));
    }
    const first = await signedIn.complete(page);
    expect(first.claims.sub).toBe(user.id);
    expect(first.claims.groups).toEqual([group.id]);
    expect(first.claims.roles).toEqual(["Supplier.Write"]);

    // Three days before the end: the expiring-soon mail, in the reader's language, with the end date.
    const job = lifecycleJobOn(graph.prisma(), {
      baseUrl: graph.origin(),
      smtpUrl: inject("cliEnv").SMTP_URL!,
      tenantsConfigPath,
    });
    const ends = async (packageId: string) =>
      (
        await graph
          .prisma()
          .accessPackageAssignment.findFirstOrThrow({ where: { targetGuestId: user.id, accessPackageId: packageId } })
      ).expiresAt!;
    const expiresAt = await ends(accessPackage.id);
    expect(await job.runAt(new Date(expiresAt.getTime() - 3 * DAY))).toMatchObject({ reminded: 1, expired: 0 });
    expectMail(await mailbox.next(email), locale, "expiringSoon", {
      ...values,
      date: mailDate(expiresAt, locale as Locale, false),
    });

    // At the end: expired, the mail says so, and the next ID token has neither the group nor the role.
    const afterEnd = new Date(expiresAt.getTime() + 60_000);
    expect(await job.runAt(afterEnd)).toMatchObject({ expired: 1, blocked: 0 });
    expectMail(await mailbox.next(email), locale, "expired", values);
    const pending = await rp.begin(app, { uiLocales: locale });
    await page.goto(pending.url);
    const after = await pending.complete(page);
    expect(after.claims.sub).toBe(user.id);
    expect(after.claims.groups).toEqual([]);
    expect(after.claims.roles).toBeUndefined();

    // The last assignment ends: the guest the packages made is blocked, and its next sign-in refused.
    const lastEnd = new Date((await ends(newsletter.id)).getTime() + 60_000);
    expect(await job.runAt(lastEnd)).toMatchObject({ expired: 1, blocked: 1, deleted: 0 });
    expectMail(await mailbox.next(email), locale, "expired", { ...values, accessPackage: newsletter.displayName });
    expect((await client.api(`/users/${user.id}`).select("accountEnabled").get()).accountEnabled).toBe(false);
    const blocked = await browser.newPage({ baseURL: graph.origin(), acceptRunCertificate: true, acceptLanguage: locale });
    const arrivals = rp.arrivals().length;
    await signIn(blocked);
    expect(await heading(blocked)).toBe(t("journey.blocked.title"));
    expect(rp.arrivals().length, "the application received nothing").toBe(arrivals);

    // The tenant's delay (Graph's default, 30 days) later, the guest is deleted; not a day before.
    expect(await job.runAt(new Date(lastEnd.getTime() + 29 * DAY))).toMatchObject({ deleted: 0 });
    expect(await job.runAt(new Date(lastEnd.getTime() + 30 * DAY + 60_000))).toMatchObject({ deleted: 1 });
    await expect(client.api(`/users/${user.id}`).get()).rejects.toMatchObject({ statusCode: 404 });

    // The trail outlives the guest: readable on the portal's audit page, one row per event.
    const trail = await graph.prisma().auditEvent.findMany({ where: { targetId: user.id } });
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        "accessPackageAssignment.delivered",
        "accessPackageAssignment.expired",
        "guest.blocked",
        "guest.deleted",
      ]),
    );
    const admin = await browser.newPage({ baseURL: graph.origin(), acceptRunCertificate: true, acceptLanguage: locale });
    await signInAsAdministrator(admin.context(), graph.prisma(), graph.origin(), tenant, "globalAdministrator");
    const audit = await admin.goto(`/${tenant}/admin/audit?target=${user.id}`);
    expect(audit?.status()).toBe(200);
    await expect.poll(() => admin.locator("main table tbody tr").count()).toBe(trail.length);
  });
});
