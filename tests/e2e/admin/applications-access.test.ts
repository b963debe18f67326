// Who may open the Applications pages: a Guest Inviter and a User Administrator get the 403 page
// on every page and every POST (checked on the server, not only hidden); another tenant's
// administrator finds nothing of this tenant's application (404, never its data).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApplicationDirectoryStore } from "../../../app/_lib/db";
import { createApplicationDirectory, type ApplicationView } from "../../../app/_lib/oidc";
import { withDatabase } from "../support/database";
import { message } from "../support/site";
import { portalCaller } from "./portal-requests";

const prisma = withDatabase();
const TENANT = "woodgrove";

describe("access to the Applications pages", () => {
  let app: ApplicationView;
  beforeAll(async () => {
    // A fixture straight through the domain service, as the CLI would (the pages are under test here).
    const directory = createApplicationDirectory({
      store: createApplicationDirectoryStore(prisma()),
      clock: { now: () => new Date() },
    });
    app = await directory.create({ type: "system", name: "seed" }, TENANT, {
      displayName: `Access ${randomUUID().slice(0, 8)}`,
      web: { redirectUris: ["https://access.example/cb"] },
    });
  });

  const pages = () => [
    `/${TENANT}/admin/applications`,
    `/${TENANT}/admin/applications/new`,
    `/${TENANT}/admin/applications/${app.id}`,
    `/${TENANT}/admin/applications/${app.id}/secret`,
  ];
  const posts = () =>
    [
      [
        `/${TENANT}/admin/applications/register`,
        { displayName: "Nope", clientType: "public", redirectUris: "https://x.example/cb" },
      ],
      [`/${TENANT}/admin/applications/${app.id}/update`, { displayName: "Nope", version: app.version }],
      [`/${TENANT}/admin/applications/${app.id}/secrets`, { secretExpiry: "30" }],
      [`/${TENANT}/admin/applications/${app.id}/secrets/revoke`, { keyId: randomUUID() }],
      [
        `/${TENANT}/admin/applications/${app.id}/roles`,
        { intent: "add", roleDisplayName: "X", roleValue: "X", roleMemberTypes: "User" },
      ],
      [`/${TENANT}/admin/applications/${app.id}/permissions`, { permission: "User.Read.All", version: app.version }],
      [`/${TENANT}/admin/applications/${app.id}/user-flow`, { userFlow: "signup-signin" }],
    ] as const;

  it.each(["guestInviter", "userAdministrator"] as const)("answers a %s 403 on every page and every POST", async (role) => {
    const caller = await portalCaller(prisma(), TENANT, role);
    for (const path of pages()) {
      const response = await caller.get(path);
      expect(response.status, path).toBe(403);
      const body = await response.text();
      expect(body).toContain(message("en", "admin.forbidden.title"));
      expect(body).not.toContain(app.appId);
    }
    for (const [path, form] of posts()) {
      const response = await caller.post(path, form);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toContain("<h1>");
    }
    const after = await prisma().application.findUniqueOrThrow({ where: { id: app.id }, include: { secrets: true } });
    expect([after.name, after.secrets.length, after.permissions]).toEqual([app.displayName, 0, "[]"]);
    expect(await prisma().application.count({ where: { tenantId: TENANT, name: "Nope" } })).toBe(0);
  });

  it("shows another tenant's administrator nothing of the application", async () => {
    const other = await portalCaller(prisma(), "sparbanken", "globalAdministrator");
    const list = await other.get(`/sparbanken/admin/applications`);
    expect(list.status).toBe(200);
    expect(await list.text()).not.toContain(app.displayName);
    for (const path of [`/sparbanken/admin/applications/${app.id}`, `/sparbanken/admin/applications/${app.id}/secret`]) {
      const response = await other.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain(app.appId);
    }
    for (const [path, form] of posts().slice(1)) {
      const response = await other.post(path.replace(`/${TENANT}/`, "/sparbanken/"), form);
      expect(response.status, path).toBe(404);
    }
    // And its session is no key to this tenant's portal.
    const woodgrove = await other.get(`/${TENANT}/admin/applications/${app.id}`);
    expect([303, 307]).toContain(woodgrove.status);
    const after = await prisma().application.findUniqueOrThrow({ where: { id: app.id }, include: { secrets: true } });
    expect([after.name, after.secrets.length, after.appRoles]).toEqual([app.displayName, 0, "[]"]);
  });
});
