// The portal's Groups pages against next start: a User Administrator creates a group, adds a guest
// by e-mail address and removes one, deletes the group; the membership is what Graph's
// groups/{id}/members answers an application; every change is audited with the administrator;
// other roles and other tenants get 403 / 404.
import { randomUUID } from "node:crypto";
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
const m = (locale: string, key: string, values?: Record<string, string>) => message(locale, `admin.groups.${key}`, values);

async function guest(displayName: string) {
  const email = `${displayName.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 6)}@example.com`;
  return prisma().guest.create({
    data: { id: randomUUID(), tenantId: TENANT, userType: "Guest", createdVia: "seed", email, displayName },
  });
}

/** An application holding Group.Read.All with a secret, made through the domain service as the CLI would. */
async function graphReader() {
  const directory = createApplicationDirectory({
    store: createApplicationDirectoryStore(prisma()),
    clock: { now: () => new Date() },
  });
  const system = { type: "system" as const, name: "seed" };
  const app = await directory.create(system, TENANT, {
    displayName: `Reader ${randomUUID().slice(0, 6)}`,
    web: { redirectUris: ["https://reader.example/cb"] },
  });
  const { secretText } = await directory.addPassword(system, TENANT, { id: app.id }, {});
  await directory.update(system, TENANT, { id: app.id }, { permissions: ["Group.Read.All"] });
  const token = (await (await clientCredentials(TENANT, app.appId, secretText)).json()) as { access_token: string };
  return token.access_token;
}

describe("the Groups pages", () => {
  it.each([
    ["en", true],
    ["sv", false],
  ] as const)("creates a group, adds and removes members, and deletes it (%s, JavaScript %s)", async (locale, javaScript) => {
    const page = await browser.newPage({ acceptLanguage: locale, javaScript });
    const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "userAdministrator");
    const ada = await guest("Ada Lovelace");
    const alan = await guest("Alan Turing");
    const name = `Partners ${randomUUID().slice(0, 6)}`;

    await page.goto(`/${TENANT}/admin/groups`);
    expect(await htmlLang(page)).toBe(locale);
    await page.getByLabel(m(locale, "fields.displayName"), { exact: true }).fill(name);
    await page.getByLabel(m(locale, "fields.description"), { exact: true }).fill("Suppliers who sign in");
    await page.getByRole("button", { name: m(locale, "create.submit") }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
    const group = await prisma().group.findFirstOrThrow({ where: { tenantId: TENANT, displayName: name } });
    expect(new URL(page.url()).pathname).toBe(`/${TENANT}/admin/groups/${group.id}`);

    // By e-mail address, then by object id; an unknown address is refused next to the field.
    const memberField = page.getByLabel(m(locale, "fields.member"), { exact: true });
    await memberField.fill(ada.email!.toUpperCase());
    await page.getByRole("button", { name: m(locale, "members.add") }).click();
    await page.getByLabel(m(locale, "fields.member"), { exact: true }).fill(alan.id);
    await page.getByRole("button", { name: m(locale, "members.add") }).click();
    await page.getByLabel(m(locale, "fields.member"), { exact: true }).fill("nobody@example.com");
    await page.getByRole("button", { name: m(locale, "members.add") }).click();
    expect(await page.locator("#member-problem").textContent()).toBe(m(locale, "problems.memberNotFound"));
    expect(await page.title()).toMatch(new RegExp(`^${m(locale, "errorTitle", { title: "" }).trim()}`));
    const rows = page.getByRole("table").getByRole("row");
    expect(await rows.count()).toBe(3);
    // axe-core runs as a script in the page: only where scripts run.
    if (javaScript) await expectNoAxeViolations(page);
    await screenshots(page, `admin-group-${locale}`);

    // What an application reads through Graph.
    const token = await graphReader();
    const members = await fetch(`${baseURL()}/${TENANT}/graph/v1.0/groups/${group.id}/members`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(members.status).toBe(200);
    const ids = ((await members.json()) as { value: { id: string }[] }).value.map((member) => member.id).sort();
    expect(ids).toEqual([ada.id, alan.id].sort());

    await page.getByRole("button", { name: m(locale, "members.remove", { name: "Alan Turing" }) }).click();
    expect(await page.getByRole("status").textContent()).toContain(m(locale, "notices.memberRemoved"));
    expect(await prisma().groupMember.count({ where: { groupId: group.id } })).toBe(1);

    await page.getByLabel(m(locale, "delete.confirm", { group: name })).check();
    await page.getByRole("button", { name: m(locale, "delete.submit") }).click();
    expect(new URL(page.url()).pathname).toBe(`/${TENANT}/admin/groups`);
    expect(await prisma().group.count({ where: { id: group.id } })).toBe(0);

    const events = await prisma().auditEvent.findMany({
      where: { tenantId: TENANT, targetId: group.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "group.created",
      "group.membersAdded",
      "group.membersAdded",
      "group.memberRemoved",
      "group.deleted",
    ]);
    for (const event of events) expect([event.actorType, event.actorId]).toEqual(["administrator", memberId]);
  });

  it("lists groups in French, axe-clean", async () => {
    const page = await browser.newPage({ acceptLanguage: "fr" });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "globalAdministrator");
    const response = await page.goto(`/${TENANT}/admin/groups`);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(m("fr", "list.title"));
    await expectNoAxeViolations(page);
    await screenshots(page, "admin-groups-fr");
  });

  it("answers a Guest Inviter 403 on the pages and the POSTs, and another tenant 404", async () => {
    const owner = await portalCaller(prisma(), TENANT, "userAdministrator");
    const created = await owner.post(`/${TENANT}/admin/groups/create`, { displayName: `Private ${randomUUID().slice(0, 6)}` });
    expect(created.status).toBe(303);
    const groupPath = new URL(created.headers.get("location")!).pathname;
    const groupId = groupPath.split("/").at(-1)!;
    const ada = await guest("Ada Byron");

    const inviter = await portalCaller(prisma(), TENANT, "guestInviter");
    for (const path of [`/${TENANT}/admin/groups`, groupPath]) expect((await inviter.get(path)).status, path).toBe(403);
    for (const [path, form] of [
      [`/${TENANT}/admin/groups/create`, { displayName: "Nope" }],
      [`${groupPath}/members`, { member: ada.id }],
      [`${groupPath}/members/remove`, { memberId: ada.id }],
      [`${groupPath}/delete`, { confirm: "yes" }],
    ] as const)
      expect((await inviter.post(path, form)).status, path).toBe(403);

    const other = await portalCaller(prisma(), "sparbanken", "globalAdministrator");
    const page = await other.get(`/sparbanken/admin/groups/${groupId}`);
    expect(page.status).toBe(404);
    expect(await (await other.get(`/sparbanken/admin/groups`)).text()).not.toContain(groupId);
    for (const suffix of ["/members", "/members/remove", "/delete"])
      expect(
        (await other.post(`/sparbanken/admin/groups/${groupId}${suffix}`, { member: ada.id, memberId: ada.id, confirm: "yes" }))
          .status,
      ).toBe(404);

    expect(await prisma().group.count({ where: { id: groupId } })).toBe(1);
    expect(await prisma().groupMember.count({ where: { groupId } })).toBe(0);
    expect(await prisma().group.count({ where: { tenantId: TENANT, displayName: "Nope" } })).toBe(0);
  });
});
