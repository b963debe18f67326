// The admin portal's real sign-in: the portal is a relying party of its own tenant, so an
// administrator goes through the tenant's authorize endpoint, the admin user flow (a passcode from
// real SMTP), and back to the portal's callback, which exchanges the code (openid-client) and
// starts a session. Guests and Members without a role are refused; a passkey signs in through a
// virtual authenticator (Chrome DevTools Protocol); re-authentication and the idle timeout hold.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ensureAdministrator, signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { journeyPage, journeyTexts } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { baseURL, message, tenant as tenantConfig } from "../support/site";
import { screenshots } from "./portal-requests";

const browser = withBrowser();
const prisma = withDatabase();
const mailbox = new Mailbox();

const unique = (label: string, slug: string) =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@${slug}.example`;

/** From the portal's sign-in page through the admin journey with a passcode; ends wherever the portal sends the browser. */
async function signInWithPasscode(page: Page, slug: string, locale: string, email: string, journeyLocale: string) {
  await page.getByRole("button", { name: message(locale, "admin.signIn.submit"), exact: true }).click();
  await page.waitForURL(new RegExp(`/${slug}/journey/`));
  const journey = journeyPage(page, journeyTexts(journeyLocale));
  await journey.requestCode(email);
  await journey.enterCode(passcodeIn(await mailbox.next(email)));
}

// Each language on a tenant that offers it to guests too, so the journey's pages are in it as well.
const LANGUAGES = [
  ["en", "woodgrove"],
  ["nl", "woodgrove"],
  ["sv", "sparbanken"],
  ["fr", "e2e"],
] as const;

describe("signing in to the admin portal", () => {
  it.each(LANGUAGES)("signs an administrator in with the passcode, in %s", async (locale, slug) => {
    const email = unique(`admin-${locale}`, slug);
    const memberId = await ensureAdministrator(prisma(), slug, email, "userAdministrator");
    // Seeded Members have no identity yet: the first passcode links one.
    await prisma().identity.deleteMany({ where: { guestId: memberId } });
    const page = await browser.newPage({ acceptLanguage: locale });
    await page.goto(`/${slug}/admin?from=test`);
    expect(new URL(page.url()).pathname).toBe(`/${slug}/admin/sign-in`);
    expect(await htmlLang(page)).toBe(locale);
    const displayName = tenantConfig(slug).displayName;
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      message(locale, "admin.signIn.heading", { tenant: displayName }),
    );
    await expectNoAxeViolations(page);

    await signInWithPasscode(page, slug, locale, email, locale);
    const landed = new URL(page.url());
    expect(landed.pathname + landed.search).toBe(`/${slug}/admin?from=test`);

    const identity = await prisma().identity.findFirst({ where: { tenantId: slug, guestId: memberId } });
    expect(identity).toMatchObject({ issuer: "urn:guestgate:email-otp", subject: email });
    const session = await prisma().adminSession.findFirst({ where: { memberId }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(session!.amr)).toEqual(["otp"]);
    const signedIn = await prisma().auditEvent.findFirst({
      where: { tenantId: slug, type: "admin.signedIn", actorId: memberId },
    });
    expect(signedIn).not.toBeNull();
    // No Guest was created on the way.
    expect(await prisma().guest.count({ where: { tenantId: slug, email } })).toBe(1);
  });

  it.each([
    ["a Guest with the address", "Guest"],
    ["a Member without a role", "Member"],
  ])("refuses %s, with a message, and creates nobody", async (_label, userType) => {
    const email = unique(`not-admin-${userType}`, "woodgrove");
    await prisma().guest.create({ data: { tenantId: "woodgrove", userType, createdVia: "seed", email } });
    const page = await browser.newPage({ acceptLanguage: "en" });
    await page.goto("/woodgrove/admin/sign-in");
    await signInWithPasscode(page, "woodgrove", "en", email, "en");
    expect(await page.locator("main").textContent()).toContain(message("en", "admin.signIn.refused"));
    expect(await prisma().guest.count({ where: { tenantId: "woodgrove", email } })).toBe(1);
    expect(await prisma().identity.count({ where: { tenantId: "woodgrove", email } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { tenantId: "woodgrove", type: "admin.signInRefused" } })).toBeGreaterThan(0);
    // The browser has no portal session.
    const cookies = await page.context().cookies(`${baseURL()}/woodgrove/admin`);
    expect(cookies.find((cookie) => cookie.name === "gg_admin_woodgrove")).toBeUndefined();
  });

  it("refuses a callback without the browser's sign-in request", async () => {
    const response = await fetch(`${baseURL()}/woodgrove/admin/callback?code=abc&state=forged`, { redirect: "manual" });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/woodgrove/admin/sign-in");
    expect(location.searchParams.get("error")).toBe("expired");
  });

  it("asks for a fresh proof (prompt=login, max_age=0) and records it on the same session", async () => {
    const email = unique("reauth", "woodgrove");
    const page = await browser.newPage({ acceptLanguage: "en" });
    const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), "woodgrove", "globalAdministrator", email);
    const old = new Date(Date.now() - 60 * 60_000);
    await prisma().adminSession.updateMany({ where: { memberId }, data: { authenticatedAt: old } });
    await page.goto("/woodgrove/admin/sign-in?reauthenticate=1&returnTo=%2Fwoodgrove%2Fadmin%2Froles");
    expect(await page.getByRole("status").first().textContent()).toBe(message("en", "admin.signIn.reauthenticate"));
    const [authorize] = await Promise.all([
      page.waitForRequest((request) => request.url().includes("/oauth2/v2.0/authorize")),
      page.getByRole("button", { name: message("en", "admin.signIn.submit"), exact: true }).click(),
    ]);
    const query = new URL(authorize.url()).searchParams;
    expect(query.get("prompt")).toBe("login");
    expect(query.get("max_age")).toBe("0");
    expect(query.get("code_challenge_method")).toBe("S256");
    await page.waitForURL(/\/woodgrove\/journey\//);
    const journey = journeyPage(page, journeyTexts("en"));
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    expect(new URL(page.url()).pathname).toBe("/woodgrove/admin/roles");
    const sessions = await prisma().adminSession.findMany({ where: { memberId } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.authenticatedAt.getTime()).toBeGreaterThan(old.getTime() + 30 * 60_000);
    expect(await prisma().auditEvent.count({ where: { type: "admin.reauthenticated", actorId: memberId } })).toBe(1);
  });

  it("ends a session after the idle timeout", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    const memberId = await signInAsAdministrator(
      page.context(),
      prisma(),
      baseURL(),
      "woodgrove",
      "guestInviter",
      unique("idle", "woodgrove"),
    );
    expect((await page.goto("/woodgrove/admin"))?.status()).toBe(200);
    await prisma().adminSession.updateMany({ where: { memberId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    await page.goto("/woodgrove/admin");
    expect(new URL(page.url()).pathname).toBe("/woodgrove/admin/sign-in");
    expect(await prisma().adminSession.count({ where: { memberId } })).toBe(0);
  });

  it.each(LANGUAGES)("registers a passkey and signs in with it through a virtual authenticator, in %s", async (locale, slug) => {
    const email = unique(`passkey-${locale}`, slug);
    const page = await browser.newPage({ acceptLanguage: locale });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), slug, "userAdministrator", email);
    await page.goto(`/${slug}/admin/passkeys`);
    expect(await htmlLang(page)).toBe(locale);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(message(locale, "admin.passkeys.title"));
    await page.getByLabel(message(locale, "admin.passkeys.nameLabel")).fill("Virtual key");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.size === 0 && url.pathname === `/${slug}/admin/passkeys`, {
        waitUntil: "load",
      }),
      page.getByRole("button", { name: message(locale, "admin.passkeys.register"), exact: true }).click(),
    ]);
    await expect.poll(() => prisma().adminPasskey.count({ where: { memberId } })).toBe(1);
    // The page's script reloads it once the server has the passkey; on a busy machine that takes a while.
    await expect.poll(() => page.locator("main table").textContent(), { timeout: 20_000 }).toContain("Virtual key");
    await expectNoAxeViolations(page);
    await screenshots(page, `admin-passkeys-${locale}`);

    // A new browser context would lose the authenticator: sign out, then sign in with the passkey.
    await page.context().clearCookies();
    await page.goto(`/${slug}/admin/sign-in`);
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/${slug}/admin`),
      page.getByRole("button", { name: message(locale, "admin.signIn.passkey"), exact: true }).click(),
    ]);
    const session = await prisma().adminSession.findFirst({ where: { memberId }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(session!.amr)).toEqual(["hwk"]);
    expect(await prisma().auditEvent.count({ where: { type: "passkey.registered", actorId: memberId } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { type: "admin.signedIn", actorId: memberId } })).toBe(1);
  });
});

describe("the roles page", () => {
  it.each(["userAdministrator", "applicationAdministrator", "guestInviter", "directoryReader"] as const)(
    "is 403 for a %s, page and POST",
    async (role) => {
      const page = await browser.newPage({ acceptLanguage: "en", expectedConsoleErrors: [/status of 403/] });
      await signInAsAdministrator(page.context(), prisma(), baseURL(), "woodgrove", role, unique(role, "woodgrove"));
      expect((await page.goto("/woodgrove/admin/roles"))?.status()).toBe(403);
      const cookie = (await page.context().cookies(`${baseURL()}/woodgrove/admin`)).find((c) => c.name === "gg_admin_woodgrove")!;
      const post = await fetch(`${baseURL()}/woodgrove/admin/roles/assign`, {
        method: "POST",
        headers: {
          cookie: `gg_admin_woodgrove=${cookie.value}`,
          "sec-fetch-site": "same-origin",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "email=someone%40woodgrove.example&role=globalAdministrator",
        redirect: "manual",
      });
      expect(post.status).toBe(403);
    },
  );

  it("lets a Global Administrator assign a role by address (audited) and keeps the last Global Administrator", async () => {
    const page = await browser.newPage({ acceptLanguage: "en", javaScript: false });
    page.setDefaultTimeout(10_000);
    const adminId = await signInAsAdministrator(
      page.context(),
      prisma(),
      baseURL(),
      "e2e",
      "globalAdministrator",
      unique("ga", "e2e"),
    );
    // Only this one Global Administrator in the tenant.
    await prisma().directoryRoleAssignment.deleteMany({
      where: { tenantId: "e2e", role: "globalAdministrator", guestId: { not: adminId } },
    });
    // No JavaScript: axe cannot run here (it is checked on the pages below, with scripts on).
    await page.goto("/e2e/admin/roles");
    const newcomer = unique("newcomer", "e2e");
    await page.getByLabel(message("en", "admin.roles.email")).fill(newcomer);
    await page.locator("main select[name=role]").selectOption("guestInviter");
    await page.getByRole("button", { name: message("en", "admin.roles.assign") }).click();
    expect(await page.getByRole("status").textContent()).toBe(message("en", "admin.roles.assigned"));
    const member = await prisma().guest.findFirst({
      where: { tenantId: "e2e", email: newcomer },
      include: { directoryRoles: true },
    });
    expect(member).toMatchObject({ userType: "Member" });
    expect(member!.directoryRoles.map((r) => r.role)).toEqual(["guestInviter"]);
    expect(
      await prisma().auditEvent.count({ where: { type: "directoryRole.assigned", actorId: adminId, targetId: member!.id } }),
    ).toBe(1);

    const me = (await prisma().guest.findUnique({ where: { id: adminId } }))!.email!;
    await page
      .getByRole("button", {
        name: message("en", "admin.roles.remove", { role: message("en", "admin.roles.names.globalAdministrator"), member: me }),
      })
      .click();
    expect(await page.getByRole("alert").textContent()).toBe(message("en", "admin.roles.errors.lastGlobalAdministrator"));
    expect(await prisma().directoryRoleAssignment.count({ where: { guestId: adminId, role: "globalAdministrator" } })).toBe(1);
  });

  it("does not show another tenant's members to a Global Administrator of one tenant", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    await signInAsAdministrator(
      page.context(),
      prisma(),
      baseURL(),
      "woodgrove",
      "globalAdministrator",
      unique("ga", "woodgrove"),
    );
    await page.goto("/woodgrove/admin/roles");
    expect(await page.locator("main").textContent()).not.toContain("@sparbanken.example");
    await expectNoAxeViolations(page);
    await page.goto("/woodgrove/admin/settings");
    await expectNoAxeViolations(page);
  });
});

describe("the settings page", () => {
  it("turns self-service sign-up off for the tenant (audited), and the next sign-up is closed", async () => {
    const page = await browser.newPage({ acceptLanguage: "en", javaScript: false });
    page.setDefaultTimeout(10_000);
    const adminId = await signInAsAdministrator(
      page.context(),
      prisma(),
      baseURL(),
      "sparbanken",
      "globalAdministrator",
      unique("ga", "sparbanken"),
    );
    await page.goto("/sparbanken/admin/settings");
    await page.getByLabel(message("en", "admin.settings.selfServiceSignUp.off")).check();
    await page.getByRole("button", { name: message("en", "admin.settings.save") }).click();
    expect(await page.getByRole("status").textContent()).toBe(message("en", "admin.settings.saved"));
    expect(await prisma().tenantSettings.findUnique({ where: { tenantId: "sparbanken" } })).toMatchObject({
      selfServiceSignUp: false,
    });
    expect(await prisma().auditEvent.count({ where: { type: "tenantSettings.updated", actorId: adminId } })).toBe(1);
    const home = await browser.newPage({ acceptLanguage: "en" });
    await home.goto("/sparbanken");
    expect(await home.locator("main").textContent()).toContain(
      message("en", "tenantHome.signUpClosed", { tenant: tenantConfig("sparbanken").displayName }),
    );
    await prisma().tenantSettings.deleteMany({ where: { tenantId: "sparbanken" } });
  });

  it("is 403 for every role but Global Administrator", async () => {
    for (const role of ["userAdministrator", "applicationAdministrator", "guestInviter", "directoryReader"] as const) {
      const page = await browser.newPage({ acceptLanguage: "en", expectedConsoleErrors: [/status of 403/] });
      await signInAsAdministrator(page.context(), prisma(), baseURL(), "woodgrove", role, unique(`s-${role}`, "woodgrove"));
      expect((await page.goto("/woodgrove/admin/settings"))?.status()).toBe(403);
    }
  });
});
