// The portal's Applications pages against next start: an Application Administrator registers a
// confidential application, its secret is shown once (no-store, gone after a reload), works for
// client credentials at the token endpoint and stops working when revoked; the provider's
// redirect-URI rule refuses next to the field; every change is audited with the administrator.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createApplicationDirectoryStore } from "../../../app/_lib/db";
import { createApplicationDirectory } from "../../../app/_lib/oidc";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { baseURL, message } from "../support/site";
import { clientCredentials, portalCaller, screenshots } from "./portal-requests";

const browser = withBrowser();
const prisma = withDatabase();
const TENANT = "woodgrove";

const directory = () =>
  createApplicationDirectory({ store: createApplicationDirectoryStore(prisma()), clock: { now: () => new Date() } });

const m = (locale: string, key: string, values?: Record<string, string>) => message(locale, `admin.applications.${key}`, values);

async function register(page: Page, locale: string, name: string, options: { redirectUri?: string } = {}) {
  await page.goto(`/${TENANT}/admin/applications/new`);
  await page.getByLabel(m(locale, "fields.displayName"), { exact: true }).fill(name);
  await page.check("input[name=clientType][value=confidential]");
  await page
    .getByLabel(m(locale, "fields.redirectUris"), { exact: true })
    .fill(options.redirectUri ?? "https://app.example/callback");
  await page.getByLabel(m(locale, "fields.postLogoutRedirectUris"), { exact: true }).fill("https://app.example/");
  await page.getByLabel(m(locale, "fields.secretDisplayName"), { exact: true }).fill("First");
  await page.getByLabel(m(locale, "fields.secretExpiry"), { exact: true }).selectOption("30");
  await page.getByRole("button", { name: m(locale, "register.submit") }).click();
}

describe("the Applications pages", () => {
  it.each(["en", "nl", "sv", "fr"])(
    "registers a confidential application whose secret is shown once, works, and stops working when revoked, in %s",
    async (locale) => {
      const page = await browser.newPage({ acceptLanguage: locale });
      const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "applicationAdministrator");
      const name = `Invoices ${randomUUID().slice(0, 8)}`;
      const secretResponse = page.waitForResponse((r) => r.url().endsWith("/secret") && r.request().method() === "GET");
      await register(page, locale, name);
      expect(await htmlLang(page)).toBe(locale);
      const shown = await secretResponse;
      expect(shown.status()).toBe(200);
      expect(shown.headers()["cache-control"]).toMatch(/no-store/);
      expect(new URL(page.url()).pathname).toMatch(/^\/woodgrove\/admin\/applications\/[0-9a-f-]{36}\/secret$/);
      const secret = await page.locator("#secret").inputValue();
      expect(secret.length).toBeGreaterThanOrEqual(40);
      await expectNoAxeViolations(page);
      await screenshots(page, `admin-application-secret-${locale}`);

      const app = await prisma().application.findFirstOrThrow({ where: { tenantId: TENANT, name }, include: { secrets: true } });
      expect(app.clientType).toBe("confidential");
      expect(JSON.parse(app.postLogoutRedirectUris)).toEqual(["https://app.example/"]);
      // Stored as a hash only.
      expect(app.secrets).toHaveLength(1);
      expect(app.secrets[0]!.hash).not.toContain(secret);
      expect(JSON.stringify(await prisma().auditEvent.findMany({ where: { tenantId: TENANT } }))).not.toContain(secret);

      // A reload (or coming back) does not show it again.
      await page.reload();
      expect(await page.content()).not.toContain(secret);
      expect(await page.getByText(m(locale, "secretShown.gone")).count()).toBe(1);

      // The secret works for client credentials once the application holds a Graph permission.
      await page.goto(`/${TENANT}/admin/applications/${app.id}`);
      await page.getByRole("checkbox", { name: "Group.Read.All" }).check();
      await page.getByRole("button", { name: m(locale, "permissions.save") }).click();
      expect(await page.getByRole("status").textContent()).toContain(m(locale, "notices.permissionsSaved"));
      const granted = await clientCredentials(TENANT, app.clientId, secret);
      expect(granted.status).toBe(200);
      expect(((await granted.json()) as { access_token?: string }).access_token).toBeTruthy();
      await expectNoAxeViolations(page);
      await screenshots(page, `admin-application-detail-${locale}`);

      await page.getByRole("button", { name: m(locale, "secrets.revoke", { name: "First" }) }).click();
      expect(await page.getByRole("status").textContent()).toContain(m(locale, "notices.secretRevoked"));
      const refused = await clientCredentials(TENANT, app.clientId, secret);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toBe("invalid_client");

      const events = await prisma().auditEvent.findMany({
        where: { tenantId: TENANT, targetId: app.clientId },
        orderBy: { createdAt: "asc" },
      });
      expect(events.map((e) => e.type)).toEqual([
        "application.created",
        "application.secretAdded",
        "application.updated",
        "application.secretRemoved",
      ]);
      for (const event of events) expect([event.actorType, event.actorId]).toEqual(["administrator", memberId]);
    },
  );

  it.each([
    ["en", false],
    ["fr", true],
  ] as const)(
    "refuses a redirect URI the provider would refuse, next to the field (%s, JavaScript %s)",
    async (locale, javaScript) => {
      const page = await browser.newPage({ acceptLanguage: locale, javaScript });
      await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "globalAdministrator");
      const name = `Plain http ${randomUUID().slice(0, 8)}`;
      await register(page, locale, name, { redirectUri: "https://app.example/ok\nhttp://app.example/callback" });
      expect(new URL(page.url()).pathname).toBe(`/${TENANT}/admin/applications/new`);
      expect(await htmlLang(page)).toBe(locale);
      const problem = page.locator("#redirectUris-problem");
      const expected = message(locale, "admin.applications.problems.onLine", {
        line: "2",
        problem: m(locale, "problems.httpNotLoopback"),
      });
      expect((await problem.textContent())?.trim()).toBe(expected);
      expect(await page.locator("#redirectUris").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#redirectUris").getAttribute("aria-describedby")).toContain("redirectUris-problem");
      // What was typed is still there, and the title says there is an error.
      expect(await page.locator("#displayName").inputValue()).toBe(name);
      expect(await page.title()).toBe(
        m(locale, "errorTitle", { title: m(locale, "register.pageTitle", { tenant: "Woodgrove Groceries" }) }),
      );
      expect(await prisma().application.count({ where: { tenantId: TENANT, name } })).toBe(0);
      // axe-core runs as a script in the page: only where scripts run. There the summary has focus.
      if (javaScript) {
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("problems");
        await expectNoAxeViolations(page);
      }
      await screenshots(page, `admin-application-refused-${locale}`);
    },
  );
});

describe("the application page's other sections", () => {
  async function registered(page: Page) {
    const name = `Roles ${randomUUID().slice(0, 8)}`;
    await register(page, "en", name);
    return prisma().application.findFirstOrThrow({ where: { tenantId: TENANT, name } });
  }

  it("tells the second of two administrators that the application changed, and overwrites nothing", async () => {
    const first = await browser.newPage({ acceptLanguage: "en" });
    const second = await browser.newPage({ acceptLanguage: "en" });
    await signInAsAdministrator(first.context(), prisma(), baseURL(), TENANT, "applicationAdministrator");
    await signInAsAdministrator(second.context(), prisma(), baseURL(), TENANT, "globalAdministrator");
    const app = await registered(first);
    await first.goto(`/${TENANT}/admin/applications/${app.id}`);
    await second.goto(`/${TENANT}/admin/applications/${app.id}`);
    await first.locator("#displayName").fill("Changed by the first");
    await first.getByRole("button", { name: m("en", "detail.save") }).click();
    expect(await first.getByRole("status").textContent()).toContain(m("en", "notices.saved"));
    await second.locator("#displayName").fill("Changed by the second");
    await second.getByRole("button", { name: m("en", "detail.save") }).click();
    expect(await second.locator("#problems").textContent()).toContain(m("en", "problems.modified"));
    expect((await prisma().application.findUniqueOrThrow({ where: { id: app.id } })).name).toBe("Changed by the first");
  });

  it("adds, disables and removes an app role, but not while it is assigned; assigns a user flow", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "applicationAdministrator");
    const app = await registered(page);
    await page.goto(`/${TENANT}/admin/applications/${app.id}`);
    await page.locator("#roleDisplayName").fill("Invoice reader");
    await page.locator("#roleValue").fill("Invoices.Read");
    await page.getByRole("button", { name: m("en", "roles.addButton") }).click();
    expect(await page.getByRole("status").textContent()).toContain(m("en", "notices.roleSaved"));
    const [role] = JSON.parse((await prisma().application.findUniqueOrThrow({ where: { id: app.id } })).appRoles) as {
      id: string;
      value: string;
    }[];
    expect(role!.value).toBe("Invoices.Read");

    // A guest holds the role: disabling is allowed, removing is refused.
    const guest = await prisma().guest.create({
      data: {
        id: randomUUID(),
        tenantId: TENANT,
        userType: "Guest",
        createdVia: "seed",
        email: `holder-${randomUUID()}@example.com`,
      },
    });
    await prisma().appRoleAssignment.create({
      data: { id: randomUUID(), tenantId: TENANT, guestId: guest.id, applicationId: app.id, appRoleId: role!.id },
    });
    await page.getByRole("button", { name: m("en", "roles.disable", { role: "Invoice reader" }) }).click();
    await page.getByRole("button", { name: m("en", "roles.remove", { role: "Invoice reader" }) }).click();
    expect(await page.locator("#roles-problem").textContent()).toBe(m("en", "problems.roleAssigned"));
    expect(JSON.parse((await prisma().application.findUniqueOrThrow({ where: { id: app.id } })).appRoles)).toHaveLength(1);
    await expectNoAxeViolations(page);

    await prisma().appRoleAssignment.deleteMany({ where: { guestId: guest.id } });
    await page.goto(`/${TENANT}/admin/applications/${app.id}`);
    await page.getByRole("button", { name: m("en", "roles.remove", { role: "Invoice reader" }) }).click();
    expect(await page.getByRole("status").textContent()).toContain(m("en", "notices.roleRemoved"));
    expect(JSON.parse((await prisma().application.findUniqueOrThrow({ where: { id: app.id } })).appRoles)).toEqual([]);

    await page.getByLabel(m("en", "userFlow.label")).selectOption("signup-signin");
    await page.getByRole("button", { name: m("en", "userFlow.save") }).click();
    expect(await page.getByRole("status").textContent()).toContain(m("en", "notices.userFlowSaved"));
    const assignment = await prisma().userFlowApplication.findFirstOrThrow({
      where: { tenantId: TENANT, clientId: app.clientId },
    });
    expect(assignment.userFlowId).toBeTruthy();
    const assigned = await prisma().auditEvent.findFirstOrThrow({
      where: { tenantId: TENANT, type: "userFlow.applicationAssigned" },
      orderBy: { createdAt: "desc" },
    });
    expect([assigned.actorType, assigned.actorId]).toEqual(["administrator", memberId]);
    expect(await page.getByLabel(m("en", "userFlow.label")).inputValue()).toBe("signup-signin");
  });

  it.each(["nl", "en"])(
    "names the application in each of the tenant's languages, without JavaScript, in %s (audited, a too long one refused)",
    async (locale) => {
      const page = await browser.newPage({ acceptLanguage: locale, javaScript: false });
      const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "applicationAdministrator");
      const app = await directory().create({ type: "system", name: "e2e fixture" }, TENANT, {
        displayName: `Names ${randomUUID().slice(0, 8)}`,
        web: { redirectUris: ["https://names.example/cb"] },
        // A name in a language Woodgrove's pages do not speak: shown too, and kept by a save.
        localizedDisplayNames: { fr: "Noms" },
      });
      await page.goto(`/${TENANT}/admin/applications/${app.id}`);
      expect(await htmlLang(page)).toBe(locale);
      const group = page.getByRole("group", { name: m(locale, "fields.localizedNames") });
      expect(await group.locator("input").evaluateAll((els) => els.map((el) => (el as HTMLInputElement).name))).toEqual([
        "localizedName-en",
        "localizedName-nl",
        "localizedName-fr",
      ]);
      await group.getByLabel("Nederlands", { exact: true }).fill("Facturen");
      await group.getByLabel("English", { exact: true }).fill("Invoices");
      await screenshots(page, `admin-application-names-${locale}`);
      await page.getByRole("button", { name: m(locale, "detail.save") }).click();
      expect(await page.getByRole("status").textContent()).toContain(m(locale, "notices.saved"));
      const saved = await directory().get({ type: "system", name: "e2e check" }, TENANT, { id: app.id });
      expect(saved.localizedDisplayNames).toEqual({ en: "Invoices", nl: "Facturen", fr: "Noms" });
      expect(await group.getByLabel("Nederlands", { exact: true }).inputValue()).toBe("Facturen");
      const updated = await prisma().auditEvent.findFirstOrThrow({
        where: { tenantId: TENANT, targetId: app.appId, type: "application.updated" },
      });
      expect([updated.actorType, updated.actorId]).toEqual(["administrator", memberId]);

      // Emptied, a language falls back to the name; too long, it is refused next to the field.
      await group.getByLabel("English", { exact: true }).fill("");
      await page.getByRole("button", { name: m(locale, "detail.save") }).click();
      expect(
        (await directory().get({ type: "system", name: "e2e check" }, TENANT, { id: app.id })).localizedDisplayNames,
      ).toEqual({
        nl: "Facturen",
        fr: "Noms",
      });
      const caller = await portalCaller(prisma(), TENANT, "applicationAdministrator");
      const current = await directory().get({ type: "system", name: "e2e check" }, TENANT, { id: app.id });
      const refused = await caller.post(`/${TENANT}/admin/applications/${app.id}/update`, {
        version: current.version,
        displayName: current.displayName,
        redirectUris: "https://names.example/cb",
        "localizedName-nl": "x".repeat(101),
      });
      expect(refused.status).toBe(303);
      await page.goto(new URL(refused.headers.get("location")!).pathname + new URL(refused.headers.get("location")!).search);
      expect((await page.locator("#localizedName-nl-problem").textContent())?.trim()).toBe(m(locale, "problems.localizedName"));
      expect(await page.locator("#localizedName-nl").getAttribute("aria-invalid")).toBe("true");
      expect(
        (await directory().get({ type: "system", name: "e2e check" }, TENANT, { id: app.id })).localizedDisplayNames,
      ).toEqual({
        nl: "Facturen",
        fr: "Noms",
      });
    },
  );

  it.each(["nl", "sv", "fr"])("lists the applications in %s", async (locale) => {
    const page = await browser.newPage({ acceptLanguage: locale });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "globalAdministrator");
    const response = await page.goto(`/${TENANT}/admin/applications`);
    expect(response?.status()).toBe(200);
    expect(await htmlLang(page)).toBe(locale);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(m(locale, "list.title"));
    expect(await page.getByRole("link", { name: "Woodgrove Groceries demo (single-page app)" }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshots(page, `admin-applications-${locale}`);
  });
});
