// Requests to the portal as a given administrator, outside the browser: every page and form POST
// of a section can then be tried under a role that must be refused, quickly and exactly.
import type { Page } from "playwright-core";
import type { PrismaClient } from "../../../app/_lib/db";
import type { AdministratorRole } from "../../../app/_lib/directory";
import { adminSessionCookie, ensureAdministrator } from "../support/admin";
import { baseURL } from "../support/site";

export interface PortalCaller {
  memberId: string;
  get(path: string): Promise<Response>;
  post(path: string, form?: Record<string, string>): Promise<Response>;
}

export async function portalCaller(
  prisma: PrismaClient,
  tenant: string,
  role: AdministratorRole,
  email = `${role.toLowerCase()}@${tenant}.example`,
): Promise<PortalCaller> {
  const memberId = await ensureAdministrator(prisma, tenant, email, role);
  const cookie = await adminSessionCookie(prisma, baseURL(), tenant, memberId);
  const header = `${cookie.name}=${cookie.value}`;
  return {
    memberId,
    get: (path) => fetch(`${baseURL()}${path}`, { headers: { cookie: header, "accept-language": "en" }, redirect: "manual" }),
    post: (path, form = {}) =>
      fetch(`${baseURL()}${path}`, {
        method: "POST",
        headers: {
          cookie: header,
          "sec-fetch-site": "same-origin",
          "content-type": "application/x-www-form-urlencoded",
          "accept-language": "en",
        },
        body: new URLSearchParams({ returnTo: path, ...form }),
        redirect: "manual",
      }),
  };
}

/** With E2E_SCREENSHOT_DIR set, the page at 390 px and 1280 px, for a person to look at. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  for (const [label, width, height] of [
    ["phone", 390, 844],
    ["desktop", 1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
}

/** client_credentials at the tenant's token endpoint, for the Graph resource (RFC 6749 §4.4). */
export function clientCredentials(tenant: string, clientId: string, secret: string): Promise<Response> {
  return fetch(`${baseURL()}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: secret,
      scope: `${baseURL()}/${tenant}/graph/.default`,
    }),
  });
}
