// The access-package portal's lists past one page and its deletes, against next start, in English:
// a tenant with more catalogs than a page holds shows them in pages of 50 behind "Next page" and
// "Previous page" links (a navigation landmark named after the list), each catalog on exactly one
// page; the deletes of a policy, an access package, a catalog and a connected organization each
// ask for the ticked box first, refuse what is still in use with the reason next to the box, and
// are audited with the administrator. Plain links and forms: nothing needs a script.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { submitAndWait } from "../support/journey";
import { baseURL, message } from "../support/site";
import { entitlementsOver, seedGuest, seedPendingRequest, user } from "./access-seed";
import { screenshots } from "./portal-requests";

const browser = withBrowser();
const prisma = withDatabase();
const TENANT = "sparbanken";
const LOCALE = "en";
const m = (key: string, values?: Record<string, string>, locale = LOCALE) => message(locale, `admin.access.${key}`, values);
const SEED = { actor: { type: "system" as const, name: "seed" }, tenantId: TENANT };
const catalogInput = (displayName: string) => ({
  displayName,
  description: "",
  catalogType: "userManaged" as const,
  state: "published" as const,
  isExternallyVisible: true,
});

describe("the access-package portal's pages and deletes", () => {
  it.each([LOCALE, "fr"])("pages the catalogs 50 at a time with next and previous links (%s)", async (locale) => {
    const prefix = `Paged ${randomUUID().slice(0, 6)}`;
    const entitlements = entitlementsOver(prisma());
    for (let i = 0; i < 51; i++) await entitlements.createCatalog(SEED, catalogInput(`${prefix} ${String(i).padStart(2, "0")}`));
    const page = await browser.newPage({ acceptLanguage: locale });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "directoryReader");
    await page.goto(`/${TENANT}/admin/access-packages/catalogs`);

    const pager = page.getByRole("navigation", { name: m("paging.label", { list: m("catalogs.title", {}, locale) }, locale) });
    const rows = page.locator("main table tbody tr");
    const names = async () => (await rows.locator("th").allTextContents()).map((name) => name.trim());
    const next = pager.getByRole("link", { name: m("paging.next", {}, locale) });
    const previous = pager.getByRole("link", { name: m("paging.previous", {}, locale) });
    expect(await rows.count()).toBe(50);
    expect(await previous.count()).toBe(0);
    const first = await names();
    await expectNoAxeViolations(page);
    await screenshots(page, `admin-access-paging-${locale}`);

    // Forwards to the end: every catalog of the prefix on exactly one page.
    const seen = [...first];
    let pages = 1;
    while ((await next.count()) > 0) {
      await submitAndWait(page, () => next.click());
      expect(new URL(page.url()).searchParams.get("after")).toMatch(/^[0-9a-f-]{36}$/);
      seen.push(...(await names()));
      pages += 1;
      if (pages === 2) expect(await previous.count()).toBe(1);
    }
    const ours = seen.filter((name) => name.startsWith(prefix));
    expect(ours).toHaveLength(51);
    expect(new Set(ours).size).toBe(51);
    expect(new Set(seen).size).toBe(seen.length);

    // Back to the beginning, page by page: the first page as it was.
    while ((await previous.count()) > 0) await submitAndWait(page, () => previous.click());
    expect(await names()).toEqual(first);
    expect(new URL(page.url()).searchParams.get("before")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("deletes a policy, a package, a catalog and a connected organization once confirmed and no longer in use", async () => {
    const page = await browser.newPage({ acceptLanguage: LOCALE });
    const adminId = await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "userAdministrator");
    const guest = await seedGuest(prisma(), TENANT, "Pelle Partner");
    const { catalog, accessPackage, policy, request } = await seedPendingRequest(prisma(), TENANT, {
      targetId: guest.id,
      stages: [[user(adminId)]],
    });
    const deleteBox = (name: string) => page.getByLabel(m("delete.confirm", { name }), { exact: true });
    const deleteButton = () => page.locator("#delete-heading ~ form").getByRole("button", { name: m("delete.submit") });
    const problem = () => page.locator("#confirm-problem").textContent();

    // The policy: not without the box; not while a request under it waits; then deleted.
    await page.goto(`/${TENANT}/admin/access-packages/${accessPackage.id}/policies/${policy.id}`);
    expect(await page.getByRole("heading", { name: m("delete.title", { name: policy.displayName }) }).count()).toBe(1);
    await screenshots(page, "admin-access-delete-policy-en");
    // The same controls as a French-speaking administrator sees them.
    const french = await browser.newPage({ acceptLanguage: "fr" });
    await signInAsAdministrator(french.context(), prisma(), baseURL(), TENANT, "userAdministrator");
    await french.goto(`/${TENANT}/admin/access-packages/${accessPackage.id}/policies/${policy.id}`);
    expect(await french.getByRole("heading", { name: m("delete.title", { name: policy.displayName }, "fr") }).count()).toBe(1);
    await screenshots(french, "admin-access-delete-policy-fr");
    await submitAndWait(page, () => deleteButton().click());
    expect(await problem()).toBe(m("problems.confirmDelete"));
    await deleteBox(policy.displayName).check();
    await submitAndWait(page, () => deleteButton().click());
    expect(await problem()).toBe(m("problems.policyActive"));
    await expectNoAxeViolations(page);
    await screenshots(page, "admin-access-delete-refused-en");
    await prisma().accessPackageAssignmentRequest.update({ where: { id: request.id }, data: { state: "canceled" } });
    await deleteBox(policy.displayName).check();
    await submitAndWait(page, () => deleteButton().click());
    expect(new URL(page.url()).pathname).toBe(`/${TENANT}/admin/access-packages/${accessPackage.id}`);
    expect(await page.getByRole("status").textContent()).toBe(m("notices.policyDeleted"));

    // The catalog still has the package: refused; the package goes, then the catalog.
    await page.goto(`/${TENANT}/admin/access-packages/catalogs/${catalog.id}`);
    await deleteBox(catalog.displayName).check();
    await submitAndWait(page, () => deleteButton().click());
    expect(await problem()).toBe(m("problems.catalogNotEmpty"));
    await page.goto(`/${TENANT}/admin/access-packages/${accessPackage.id}`);
    await deleteBox(accessPackage.displayName).check();
    await submitAndWait(page, () => deleteButton().click());
    expect(new URL(page.url()).pathname).toBe(`/${TENANT}/admin/access-packages`);
    expect(await page.getByRole("status").textContent()).toBe(m("notices.packageDeleted"));
    await page.goto(`/${TENANT}/admin/access-packages/catalogs/${catalog.id}`);
    await deleteBox(catalog.displayName).check();
    await submitAndWait(page, () => deleteButton().click());
    expect(new URL(page.url()).pathname).toBe(`/${TENANT}/admin/access-packages/catalogs`);
    expect(await page.getByRole("status").textContent()).toBe(m("notices.catalogDeleted"));

    // A connected organization, from its row's link to the confirmation on the list.
    const organization = await entitlementsOver(prisma()).createConnectedOrganization(SEED, {
      displayName: `Fabrikam ${randomUUID().slice(0, 6)}`,
      description: "",
      state: "configured",
      identitySources: [
        {
          "@odata.type": "#microsoft.graph.domainIdentitySource",
          domainName: "fabrikam.example",
          displayName: "fabrikam.example",
        },
      ],
    });
    await page.goto(`/${TENANT}/admin/access-packages/connected-organizations`);
    await submitAndWait(page, () =>
      page.getByRole("link", { name: `${m("delete.link")} ${organization.displayName}`, exact: true }).click(),
    );
    expect(await page.getByRole("heading", { name: m("delete.title", { name: organization.displayName }) }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshots(page, "admin-access-delete-organization-en");
    await deleteBox(organization.displayName).check();
    await submitAndWait(page, () => deleteButton().click());
    expect(await page.getByRole("status").textContent()).toBe(m("notices.organizationDeleted"));
    expect(await page.getByText(organization.displayName).count()).toBe(0);

    // Each delete audited with the administrator.
    for (const [type, id] of [
      ["accessPackagePolicy.deleted", policy.id],
      ["accessPackage.deleted", accessPackage.id],
      ["accessPackageCatalog.deleted", catalog.id],
      ["connectedOrganization.deleted", organization.id],
    ] as const) {
      const events = await prisma().auditEvent.findMany({ where: { tenantId: TENANT, type, targetId: id } });
      expect(
        events.map((e) => [e.actorType, e.actorId]),
        type,
      ).toEqual([["administrator", adminId]]);
    }
  });
});
