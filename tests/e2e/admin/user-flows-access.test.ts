// Who may open the Applications, User-flow and Extensions pages: every page and every form POST under them is
// found on disk (each page.tsx a GET, each route.ts with a POST a form action), so a page added
// later is checked too. A Guest Inviter gets the 403 page on all of them; a User Administrator may
// read the flows but not change them; another tenant's administrator finds nothing of this
// tenant's flow (404, never its data). Nothing is written by any refused request.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApplicationDirectoryStore } from "../../../app/_lib/db";
import { createApplicationDirectory, type ApplicationView } from "../../../app/_lib/oidc";
import { withDatabase } from "../support/database";
import { repoRoot } from "../support/paths";
import { message } from "../support/site";
import { portalCaller } from "./portal-requests";
import { flowWithApplication } from "./user-flows-support";

const prisma = withDatabase();
const TENANT = "woodgrove";
const ADMIN = path.join(repoRoot, "app/[tenant]/admin");

/** Every page (GET) and POST route file under a section of the portal, as URL templates with [params]. */
function endpoints(section: string): { pages: string[]; posts: string[] } {
  const pages: string[] = [];
  const posts: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // _lib, _components: private folders, no URL.
        if (!entry.name.startsWith("_")) walk(path.join(dir, entry.name), `${url}/${entry.name}`);
      } else if (entry.name === "page.tsx") pages.push(url);
      else if (entry.name === "route.ts" && /export const POST\b/.test(readFileSync(path.join(dir, entry.name), "utf8")))
        posts.push(url);
    }
  };
  walk(path.join(ADMIN, section), `/${TENANT}/admin/${section}`);
  return { pages, posts };
}

/** What a refused POST might have carried: every field the portal's forms of these sections send. */
const FORM = {
  displayName: "Nope",
  clientType: "public",
  redirectUris: "https://x.example/cb",
  secretExpiry: "30",
  keyId: "00000000-0000-4000-8000-000000000000",
  intent: "add",
  roleDisplayName: "X",
  roleValue: "X",
  roleMemberTypes: "User",
  permission: "User.Read.All",
  userFlow: "signup-signin",
  attribute: "city",
  identityProvider: "email",
  locale: "en",
  texts: "attributes.page.title = Nope",
};

describe("access to the Applications and User-flow pages", () => {
  let app: ApplicationView;
  let flowName: string;
  // Data of the flow that only a page showing it would carry (its name is in the URL, echoed back).
  let flowTitle: string;
  let fill: (template: string) => string;
  beforeAll(async () => {
    app = await createApplicationDirectory({
      store: createApplicationDirectoryStore(prisma()),
      clock: { now: () => new Date() },
    }).create({ type: "system", name: "seed" }, TENANT, {
      displayName: "Flow access check",
      web: { redirectUris: ["https://access.example/cb"] },
    });
    ({ flowName, displayName: flowTitle } = await flowWithApplication(prisma(), TENANT, "access"));
    fill = (template) => template.replace("[id]", app.id).replace("[name]", flowName);
  });

  const snapshot = async () => ({
    flow: (await prisma().userFlow.findFirstOrThrow({ where: { tenantId: TENANT, name: flowName } })).definition,
    app: await prisma().application.findUniqueOrThrow({ where: { id: app.id }, include: { secrets: true } }),
    apps: await prisma().application.count({ where: { tenantId: TENANT, name: "Nope" } }),
  });

  it("finds the pages and actions it checks", () => {
    const flows = endpoints("user-flows");
    expect(flows.pages).toEqual(expect.arrayContaining([`/${TENANT}/admin/user-flows`, `/${TENANT}/admin/user-flows/[name]`]));
    expect(flows.posts.length).toBeGreaterThanOrEqual(3);
    const apps = endpoints("applications");
    expect(apps.pages.length).toBeGreaterThanOrEqual(4);
    expect(apps.posts.length).toBeGreaterThanOrEqual(7);
  });

  it("answers a Guest Inviter 403 on every Applications and User-flow page and POST", async () => {
    const before = await snapshot();
    const caller = await portalCaller(prisma(), TENANT, "guestInviter");
    for (const section of ["applications", "user-flows"]) {
      const { pages, posts } = endpoints(section);
      for (const template of pages) {
        const response = await caller.get(fill(template));
        expect(response.status, template).toBe(403);
        const body = await response.text();
        expect(body).toContain(message("en", "admin.forbidden.title"));
        expect(body).not.toContain(app.appId);
        expect(body).not.toContain(flowTitle);
      }
      for (const template of posts) {
        const response = await caller.post(fill(template), { ...FORM, version: new Date().toISOString() });
        expect(response.status, template).toBe(403);
        expect(await response.text()).toContain(message("en", "admin.forbidden.title"));
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers a Guest Inviter and a User Administrator 403 on every Extensions page and POST", async () => {
    const connectors = () => prisma().apiConnector.count({ where: { tenantId: TENANT } });
    const before = await connectors();
    const { pages, posts } = endpoints("extensions");
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(posts.length).toBeGreaterThanOrEqual(8);
    for (const role of ["guestInviter", "userAdministrator"] as const) {
      const caller = await portalCaller(prisma(), TENANT, role);
      for (const template of pages) expect((await caller.get(fill(template))).status, `${role} ${template}`).toBe(403);
      for (const template of posts) {
        const response = await caller.post(fill(template), { ...FORM, targetUrl: "https://x.example/api", confirm: "yes" });
        expect(response.status, `${role} ${template}`).toBe(403);
      }
    }
    expect(await connectors()).toBe(before);
  });

  it("lets a User Administrator read the flows but change none of them", async () => {
    const before = await snapshot();
    const caller = await portalCaller(prisma(), TENANT, "userAdministrator");
    const { pages, posts } = endpoints("user-flows");
    for (const template of pages) {
      const response = await caller.get(fill(template));
      expect(response.status, template).toBe(200);
      const body = await response.text();
      expect(body).toContain(flowTitle);
      // A reader sees no form that would change the flow.
      expect(body).not.toContain(`/user-flows/${flowName}/attributes"`);
    }
    for (const template of posts) {
      for (const intent of ["add", "remove", "up", "down", "required", "optional"]) {
        const response = await caller.post(fill(template), { ...FORM, intent, attribute: "givenName" });
        expect(response.status, `${template} ${intent}`).toBe(403);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("shows another tenant's administrator nothing of the flow", async () => {
    const before = await snapshot();
    const other = await portalCaller(prisma(), "sparbanken", "globalAdministrator");
    const list = await other.get(`/sparbanken/admin/user-flows`);
    expect(list.status).toBe(200);
    expect(await list.text()).not.toContain(flowTitle);
    const { pages, posts } = endpoints("user-flows");
    for (const template of pages.filter((p) => p.includes("[name]"))) {
      const response = await other.get(fill(template).replace(`/${TENANT}/`, "/sparbanken/"));
      expect(response.status, template).toBe(404);
      expect(await response.text()).not.toContain(flowTitle);
    }
    for (const template of posts) {
      const response = await other.post(fill(template).replace(`/${TENANT}/`, "/sparbanken/"), FORM);
      expect(response.status, template).toBe(404);
    }
    // And its session is no key to this tenant's portal.
    const woodgrove = await other.get(fill(`/${TENANT}/admin/user-flows/[name]`));
    expect([303, 307]).toContain(woodgrove.status);
    expect(await snapshot()).toEqual(before);
  });
});
