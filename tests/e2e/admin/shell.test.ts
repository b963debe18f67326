// The admin portal's frame: the gate sends a browser without a session to the sign-in page, an
// administrator sees the sections their roles allow, in any of our four languages (the portal's,
// not only the tenant's guest languages), and signing out ends the session on the server.
import { describe, expect, it } from "vitest";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { baseURL, message } from "../support/site";

const browser = withBrowser();
const prisma = withDatabase();

describe("the admin portal's frame", () => {
  it("sends a browser without a session to the sign-in page, keeping where it was going", async () => {
    const response = await fetch(`${baseURL()}/woodgrove/admin?from=mail`, { redirect: "manual" });
    expect([303, 307]).toContain(response.status);
    const location = new URL(response.headers.get("location")!, baseURL());
    expect(location.pathname).toBe("/woodgrove/admin/sign-in");
    expect(location.searchParams.get("returnTo")).toBe("/woodgrove/admin?from=mail");
  });

  it.each(["en", "nl", "sv", "fr"])("shows a Guest Inviter only the sections the role allows, in %s", async (locale) => {
    const page = await browser.newPage({ acceptLanguage: locale });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), "woodgrove", "guestInviter");
    const response = await page.goto("/woodgrove/admin");
    expect(response?.status()).toBe(200);
    expect(await htmlLang(page)).toBe(locale);
    const navigation = page.getByRole("navigation", { name: message(locale, "admin.shell.navigation.label") });
    const links = (await navigation.getByRole("link").allTextContents()).map((text) => text.trim());
    expect(links).toEqual(
      ["overview", "guests", "invitations", "accessApprovals"].map((key) => message(locale, `admin.shell.navigation.${key}`)),
    );
    expect(
      await navigation
        .getByRole("link", { name: message(locale, "admin.shell.navigation.overview") })
        .getAttribute("aria-current"),
    ).toBe("page");
    await expectNoAxeViolations(page);
  });

  it("shows a Global Administrator every section", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), "woodgrove", "globalAdministrator");
    await page.goto("/woodgrove/admin");
    const links = await page
      .getByRole("navigation", { name: message("en", "admin.shell.navigation.label") })
      .getByRole("link")
      .count();
    expect(links).toBe(13); // every section of navigation.tsx, Sign-up requests, Extensions, Access packages and Approvals included
  });

  it("does not let a session of one tenant into another", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), "woodgrove", "globalAdministrator");
    const cookies = await page.context().cookies(`${baseURL()}/woodgrove/admin`);
    const token = cookies.find((cookie) => cookie.name === "gg_admin_woodgrove")!.value;
    const response = await fetch(`${baseURL()}/sparbanken/admin`, {
      headers: { cookie: `gg_admin_sparbanken=${token}` },
      redirect: "manual",
    });
    expect(new URL(response.headers.get("location")!, baseURL()).pathname).toBe("/sparbanken/admin/sign-in");
  });

  it("signs out: the session row is gone and the old cookie no longer opens the portal", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    const memberId = await signInAsAdministrator(
      page.context(),
      prisma(),
      baseURL(),
      "woodgrove",
      "userAdministrator",
      "leaving@woodgrove.example",
    );
    await page.goto("/woodgrove/admin");
    const [cookie] = (await page.context().cookies(`${baseURL()}/woodgrove/admin`)).filter(
      (c) => c.name === "gg_admin_woodgrove",
    );
    const signOut = await fetch(`${baseURL()}/woodgrove/admin/sign-out`, {
      method: "POST",
      headers: { cookie: `gg_admin_woodgrove=${cookie!.value}`, "sec-fetch-site": "same-origin" },
      redirect: "manual",
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.get("set-cookie")).toMatch(/gg_admin_woodgrove=;.*Max-Age=0/);
    expect(await prisma().adminSession.count({ where: { memberId } })).toBe(0);
    const after = await fetch(`${baseURL()}/woodgrove/admin`, {
      headers: { cookie: `gg_admin_woodgrove=${cookie!.value}` },
      redirect: "manual",
    });
    expect(new URL(after.headers.get("location")!, baseURL()).pathname).toBe("/woodgrove/admin/sign-in");
  });

  it("refuses a cross-site sign-out", async () => {
    const response = await fetch(`${baseURL()}/woodgrove/admin/sign-out`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });
});
