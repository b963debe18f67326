// The portal's access-package pages against next start: a User Administrator makes a catalog for
// external users with a group in it, a package granting the group's membership, and a two-stage
// policy through its form, and reads the policy back in plain sentences; adds a connected
// organisation; assigns the package by e-mail to someone not yet in the directory (the request
// waits for approval and is listed among the requests). Every change is audited with the
// administrator; a Guest Inviter may not open the section, a Directory Reader may read but not change it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ensureAdministrator, signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { baseURL, message } from "../support/site";
import { portalCaller, screenshots } from "./portal-requests";

const browser = withBrowser();
const prisma = withDatabase();
const TENANT = "woodgrove";
const m = (locale: string, key: string, values?: Record<string, string>) => message(locale, `admin.access.${key}`, values);
const unique = () => randomUUID().slice(0, 6);

describe("the access-package pages", () => {
  it.each(["en", "sv"])("builds a catalog, a package and its policy, and assigns it by e-mail (%s)", async (locale) => {
    const page = await browser.newPage({ acceptLanguage: locale });
    const adminId = await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "userAdministrator");
    const approverEmail = `approver.${unique()}@woodgrove.example`;
    const approverId = await ensureAdministrator(prisma(), TENANT, approverEmail, "guestInviter");
    const group = await prisma().group.create({
      data: { tenantId: TENANT, displayName: `Suppliers ${unique()}`, mailNickname: `suppliers-${unique()}` },
    });
    const suffix = unique();

    // A catalog for external users, with the group in it.
    await page.goto(`/${TENANT}/admin/access-packages/catalogs`);
    expect(await htmlLang(page)).toBe(locale);
    await page.getByLabel(m(locale, "fields.displayName"), { exact: true }).fill(`Partners ${suffix}`);
    await page.getByRole("button", { name: m(locale, "catalogs.submit") }).click();
    await page
      .getByLabel(m(locale, "fields.resource"))
      .selectOption({ label: m(locale, "resourceTypes.group", { name: group.displayName }) });
    await page.getByRole("button", { name: m(locale, "catalog.add") }).click();
    expect(await page.getByRole("status").textContent()).toBe(m(locale, "notices.resourceAdded"));

    // A package granting the group's membership.
    await page.goto(`/${TENANT}/admin/access-packages`);
    await page.getByLabel(m(locale, "fields.catalog")).selectOption({ label: `Partners ${suffix}` });
    await page.getByLabel(m(locale, "fields.displayName"), { exact: true }).fill(`Supplier portal ${suffix}`);
    await page.getByRole("button", { name: m(locale, "packages.submit") }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Supplier portal ${suffix}`);
    const member = m(locale, "package.role", {
      role: "Member",
      resource: m(locale, "resourceTypes.group", { name: group.displayName }),
    });
    await page.getByLabel(m(locale, "fields.role"), { exact: true }).selectOption({ label: member });
    await page.getByRole("button", { name: m(locale, "package.addRole") }).click();
    expect(await page.getByRole("status").textContent()).toBe(m(locale, "notices.roleAdded"));
    expect(await page.getByRole("listitem").filter({ hasText: member }).count()).toBe(1);

    // The policy: anyone from outside, two stages, 90 days.
    await page.getByRole("link", { name: m(locale, "package.newPolicy") }).click();
    await page.getByLabel(m(locale, "fields.displayName"), { exact: true }).fill("Suppliers");
    await page.getByLabel(m(locale, "policy.scopes.allExternalUsers")).check();
    await page.getByLabel(m(locale, "policy.stages"), { exact: true }).selectOption("2");
    const stage = (number: number) => page.getByRole("group", { name: m(locale, "policy.stage", { number: String(number) }) });
    // A second stage without approvers is refused next to its field; what was typed stays.
    await stage(1).getByLabel(m(locale, "policy.approvers"), { exact: true }).fill(approverEmail);
    await page.getByLabel(m(locale, "policy.expirations.afterDuration")).check();
    await page.getByLabel(m(locale, "policy.expirationDays"), { exact: true }).fill("90");
    await page.getByRole("button", { name: m(locale, "policy.create") }).click();
    expect(await page.locator("#stage2Approvers-problem").textContent()).toBe(m(locale, "problems.approvers"));
    expect(await stage(1).getByLabel(m(locale, "policy.approvers"), { exact: true }).inputValue()).toBe(approverEmail);
    await stage(2).getByLabel(m(locale, "policy.approverGroup"), { exact: true }).selectOption({ label: group.displayName });
    await stage(1).getByLabel(m(locale, "policy.approverJustification"), { exact: true }).check();
    await page.getByRole("button", { name: m(locale, "policy.create") }).click();
    expect(await page.getByRole("status").textContent()).toBe(m(locale, "notices.policyCreated"));
    const summary = await page.getByRole("article").getByRole("listitem").allTextContents();
    expect(summary).toContain(m(locale, "summary.who.allExternalUsers"));
    expect(summary.some((line) => line.includes(approverEmail))).toBe(true);
    expect(summary.some((line) => line.includes(group.displayName))).toBe(true);
    await expectNoAxeViolations(page);
    await screenshots(page, `admin-access-package-${locale}`);
    const policy = await prisma().accessPackageAssignmentPolicy.findFirstOrThrow({
      where: { tenantId: TENANT, displayName: "Suppliers", accessPackage: { displayName: `Supplier portal ${suffix}` } },
    });
    expect(policy.allowedTargetScope).toBe("allExternalUsers");
    expect(policy.settings).toContain(approverId);

    // The form again, as stored: the approver by address, the group chosen.
    await page.goto(`/${TENANT}/admin/access-packages/${policy.accessPackageId}/policies/${policy.id}`);
    expect(await stage(1).getByLabel(m(locale, "policy.approvers"), { exact: true }).inputValue()).toBe(approverEmail);
    await screenshots(page, `admin-access-policy-${locale}`);

    // The requestor's manager and sponsors in stage 1 need a fallback (an outsider has neither);
    // with one, the summary names them, the chosen schedule and the approval of extensions.
    await stage(1).getByLabel(m(locale, "policy.approverManager"), { exact: true }).check();
    await stage(1).getByLabel(m(locale, "policy.approverSponsors"), { exact: true }).check();
    await page.getByLabel(m(locale, "policy.customSchedule"), { exact: true }).check();
    await page.getByLabel(m(locale, "policy.selfExtend"), { exact: true }).check();
    await page.getByLabel(m(locale, "policy.approveExtensions"), { exact: true }).check();
    await page.getByRole("button", { name: m(locale, "policy.save") }).click();
    expect(await page.locator("#stage1Fallback-problem").textContent()).toBe(m(locale, "problems.fallbackNeeded"));
    expect(await page.getByLabel(m(locale, "policy.customSchedule"), { exact: true }).isChecked()).toBe(true);
    await stage(1).getByLabel(m(locale, "policy.fallback"), { exact: true }).fill(approverEmail);
    await page.getByRole("button", { name: m(locale, "policy.save") }).click();
    expect(await page.getByRole("status").textContent()).toBe(m(locale, "notices.policySaved"));
    const saved = await page.getByRole("listitem").allTextContents();
    expect(saved.some((line) => line.includes(m(locale, "summary.subjects.requestorManager")))).toBe(true);
    expect(saved).toContain(m(locale, "summary.self.customSchedule"));
    expect(saved).toContain(m(locale, "summary.self.approveExtensions"));
    await page.goto(`/${TENANT}/admin/access-packages/${policy.accessPackageId}/policies/${policy.id}`);
    expect(await stage(1).getByLabel(m(locale, "policy.approverManager"), { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel(m(locale, "policy.approveExtensions"), { exact: true }).isChecked()).toBe(true);

    // A connected organisation, and an assignment for someone from it not yet in the directory.
    const domain = `fabrikam-${suffix}.example`;
    await page.goto(`/${TENANT}/admin/access-packages/connected-organizations`);
    await page.getByLabel(m(locale, "fields.displayName"), { exact: true }).fill(`Fabrikam ${suffix}`);
    await page.getByLabel(m(locale, "fields.domain"), { exact: true }).fill(domain);
    await page.getByRole("button", { name: m(locale, "organizations.submit") }).click();
    expect(await page.getByRole("status").textContent()).toBe(m(locale, "notices.organizationCreated"));
    await page.goto(`/${TENANT}/admin/access-packages/assignments?package=${policy.accessPackageId}`);
    await page.getByLabel(m(locale, "fields.email"), { exact: true }).fill(`nora@${domain}`);
    await page.getByRole("button", { name: m(locale, "assignments.submit") }).click();
    expect(await page.getByRole("status").textContent()).toBe(m(locale, "notices.assignmentPending"));
    await page.goto(`/${TENANT}/admin/access-packages/requests?state=pendingApproval`);
    expect(await page.getByRole("row", { name: new RegExp(`nora@${domain}`) }).count()).toBe(1);
    await screenshots(page, `admin-access-requests-${locale}`);

    const types = (
      await prisma().auditEvent.findMany({ where: { tenantId: TENANT, actorId: adminId, createdAt: { gte: group.createdAt } } })
    ).map((event) => event.type);
    for (const type of [
      "accessPackageCatalog.created",
      "accessPackageCatalog.resourceAdded",
      "accessPackage.created",
      "accessPackage.resourceRoleScopeAdded",
      "accessPackagePolicy.created",
      "connectedOrganization.created",
      "accessPackageAssignmentRequest.created",
    ])
      expect(types).toContain(type);
  });

  it("keeps the section to the roles that read entitlement management, and its forms to those that change it", async () => {
    const inviter = await portalCaller(prisma(), TENANT, "guestInviter", `inviter.${unique()}@woodgrove.example`);
    const reader = await portalCaller(prisma(), TENANT, "directoryReader", `reader.${unique()}@woodgrove.example`);
    for (const path of ["", "/catalogs", "/connected-organizations", "/assignments", "/requests"]) {
      expect((await inviter.get(`/${TENANT}/admin/access-packages${path}`)).status, path).toBe(403);
      expect((await reader.get(`/${TENANT}/admin/access-packages${path}`)).status, path).toBe(200);
    }
    const before = await prisma().accessPackageCatalog.count();
    const refused = await reader.post(`/${TENANT}/admin/access-packages/catalogs/create`, { displayName: "Not mine" });
    expect(refused.status).toBe(403);
    expect(await prisma().accessPackageCatalog.count()).toBe(before);
    const reading = await reader.get(`/${TENANT}/admin/access-packages/catalogs`);
    expect(await reading.text()).not.toContain(`action="/${TENANT}/admin/access-packages/catalogs/create"`);
  });
});
