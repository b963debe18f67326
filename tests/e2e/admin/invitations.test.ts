// The portal's Invitations page against next start, real SMTP capture: an administrator invites one
// person (the e-mail arrives with the message), sees the invitation pending, resends (a second
// e-mail, the old link dies) and revokes it; every change is audited with the administrator. A
// Guest Inviter may open the page and invite, roles without the capability get 403, and another
// tenant's administrator cannot see or act on the invitations (404). Bulk: a CSV of 1,000 rows with
// 10 bad ones invites 990, reports the 10 with reasons, and changes nothing when uploaded again.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { describe, expect, it } from "vitest";
import type { AdministratorRole } from "../../../app/_lib/directory";
import { adminSessionCookie, ensureAdministrator, signInAsAdministrator } from "../support/admin";
import { DEMO_REDIRECT_URI } from "../support/applications";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { Mailbox } from "../support/mailbox";
import { baseURL, message } from "../support/site";
import { portalCaller, screenshots } from "./portal-requests";

const browser = withBrowser();
const prisma = withDatabase();
const mailbox = new Mailbox();
const TENANT = "woodgrove";
const OTHER = "sparbanken";
const m = (locale: string, key: string, values?: Record<string, string>) => message(locale, `admin.invitations.${key}`, values);
/** The accessible name of an optional field: its label and the "(optional)" inside it. */
const optional = (locale: string, field: string) => `${m(locale, `fields.${field}`)} ${m(locale, "optional")}`;
const unique = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;

async function audit(invitationId: string) {
  return prisma().auditEvent.findMany({
    where: { tenantId: TENANT, targetType: "invitation", targetId: invitationId },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * One request on its own connection (no keep-alive): the bulk test waits long between requests,
 * and a pooled socket the server closed meanwhile would fail a POST with ECONNRESET.
 */
function send(path: string, headers: Record<string, string>, body?: { type: string; bytes: Buffer }) {
  return new Promise<{ status: number; location: string | undefined; type: string | undefined; text: string }>(
    (resolve, reject) => {
      const request = http.request(
        `${baseURL()}${path}`,
        {
          method: body ? "POST" : "GET",
          agent: false,
          headers: { ...headers, ...(body ? { "content-type": body.type, "content-length": String(body.bytes.length) } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode!,
              location: response.headers.location,
              type: response.headers["content-type"],
              text: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body?.bytes);
    },
  );
}

/** A multipart upload (RFC 7578) of `csv` to the bulk form, as a browser sends it. */
async function upload(tenant: string, role: AdministratorRole, csv: string, email?: string) {
  const memberId = await ensureAdministrator(prisma(), tenant, email ?? `${role.toLowerCase()}@${tenant}.example`, role);
  const cookie = await adminSessionCookie(prisma(), baseURL(), tenant, memberId);
  const headers = { cookie: `${cookie.name}=${cookie.value}`, "accept-language": "en" };
  const form = new FormData();
  form.set("file", new Blob([csv], { type: "text/csv" }), "guests.csv");
  form.set("redirectUrl", DEMO_REDIRECT_URI);
  const encoded = new Response(form);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  const response = await send(
    `/${tenant}/admin/invitations/bulk`,
    { ...headers, "sec-fetch-site": "same-origin" },
    {
      type: encoded.headers.get("content-type")!,
      bytes,
    },
  );
  return { response, get: (path: string) => send(path, headers) };
}

/** The job page until it stops refreshing itself; its HTML. */
async function finished(get: (path: string) => ReturnType<typeof send>, jobPath: string): Promise<string> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const page = await get(jobPath);
    expect(page.status).toBe(200);
    const html = page.text;
    if (!html.includes('http-equiv="refresh"')) return html;
    expect(html).toContain("<progress");
    if (Date.now() > deadline) throw new Error("the bulk job did not finish");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** RFC 4180 records of the result download (no quoted line breaks in it). */
function csvRecords(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((cell) => cell[1]!.replace(/^"|"$/g, "").replace(/""/g, '"')),
    )
    .map((cells) => cells.slice(0, 5));
}

describe("the Invitations page", () => {
  it.each([
    ["en", true],
    ["nl", false],
  ] as const)("invites one person, shows it pending, resends and revokes it (%s, JavaScript %s)", async (locale, javaScript) => {
    const page = await browser.newPage({ acceptLanguage: locale, javaScript });
    const memberId = await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "globalAdministrator");
    const email = unique("ada");
    await page.goto(`/${TENANT}/admin/invitations`);
    expect(await htmlLang(page)).toBe(locale);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(m(locale, "title"));
    const nav = page.getByRole("navigation", { name: message(locale, "admin.shell.navigation.label") });
    expect(
      await nav.getByRole("link", { name: message(locale, "admin.shell.navigation.invitations") }).getAttribute("aria-current"),
    ).toBe("page");

    // A typed redirect URL that is no application of the tenant: refused next to the field, nothing created.
    await page.getByLabel(m(locale, "fields.email"), { exact: true }).fill(email);
    await page.getByLabel(optional(locale, "redirectUrlOther"), { exact: true }).fill("https://evil.example/landing");
    await page.getByRole("button", { name: m(locale, "invite.submit"), exact: true }).click();
    expect(await page.locator("#redirectUrl-problem").textContent()).toBe(m(locale, "problems.redirectNotAllowed"));
    expect(await page.title()).toMatch(new RegExp(`^${m(locale, "errorTitle", { title: "" }).trim()}`));
    expect(await page.getByLabel(m(locale, "fields.email"), { exact: true }).inputValue()).toBe(email);
    expect(await prisma().invitation.count({ where: { tenantId: TENANT, email } })).toBe(0);

    await page.getByLabel(optional(locale, "redirectUrlOther"), { exact: true }).fill("");
    await page.getByLabel(m(locale, "fields.redirectUrl"), { exact: true }).selectOption(DEMO_REDIRECT_URI);
    await page.getByLabel(optional(locale, "displayName"), { exact: true }).fill("Ada Lovelace");
    await page.getByLabel(m(locale, "fields.language"), { exact: true }).selectOption(locale);
    await page.getByLabel(optional(locale, "message"), { exact: true }).fill("Welcome <b>aboard</b>");
    expect(await page.getByLabel(m(locale, "fields.send"), { exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: m(locale, "invite.submit"), exact: true }).click();
    // A click does not wait for the POST's 303 to be followed: poll for the next page's notice.
    await expect
      .poll(
        () =>
          page
            .getByRole("status")
            .filter({ hasText: m(locale, "notices.invitedSent") })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);

    const invitation = await prisma().invitation.findFirstOrThrow({ where: { tenantId: TENANT, email } });
    expect([invitation.status, invitation.displayName, invitation.language, invitation.redirectUrl]).toEqual([
      "pending",
      "Ada Lovelace",
      locale,
      DEMO_REDIRECT_URI,
    ]);
    const first = await mailbox.next(email);
    expect(first.parsed.text).toContain("Welcome <b>aboard</b>");
    const firstLink = first.parsed.text!.match(/https?:\/\/\S+\/invite\/\S+/)![0];

    const row = page.getByRole("row").filter({ hasText: email });
    expect(await row.getByText(m(locale, "states.pending"), { exact: true }).count()).toBe(1);
    if (javaScript) await expectNoAxeViolations(page);
    await screenshots(page, `admin-invitations-${locale}`);

    await row.getByRole("button", { name: m(locale, "actions.resendLabel", { email }) }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole("status")
            .filter({ hasText: m(locale, "notices.resendDone") })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    const second = await mailbox.next(email);
    expect(second.parsed.text!.match(/https?:\/\/\S+\/invite\/\S+/)![0]).not.toBe(firstLink);

    await page
      .getByRole("row")
      .filter({ hasText: email })
      .getByRole("button", { name: m(locale, "actions.revokeLabel", { email }) })
      .click();
    await expect
      .poll(
        () =>
          page
            .getByRole("status")
            .filter({ hasText: m(locale, "notices.revokeDone") })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("revoked");

    // The state filter (a GET form): revoked shows it, pending no longer does.
    await page.getByLabel(m(locale, "list.state"), { exact: true }).selectOption("revoked");
    await page.getByRole("button", { name: m(locale, "list.filter") }).click();
    await page.waitForURL((url) => url.searchParams.get("state") === "revoked");
    const revoked = page.getByRole("row").filter({ hasText: email });
    expect(await revoked.getByText(m(locale, "states.revoked"), { exact: true }).count()).toBe(1);
    expect(await revoked.getByRole("button").count()).toBe(0);
    await page.goto(`/${TENANT}/admin/invitations?state=pending`);
    expect(await page.getByRole("row").filter({ hasText: email }).count()).toBe(0);

    const events = await audit(invitation.id);
    expect(events.map((event) => event.type)).toEqual([
      "invitation.created",
      "invitation.sent",
      "invitation.reissued",
      "invitation.sent",
      "invitation.revoked",
    ]);
    for (const event of events) expect([event.actorType, event.actorId]).toEqual(["administrator", memberId]);
  });

  it("lets a Guest Inviter open the page, invite and reset a redemption (Entra's least privileged role for it); other roles get 403", async () => {
    const inviter = await portalCaller(prisma(), TENANT, "guestInviter");
    expect((await inviter.get(`/${TENANT}/admin/invitations`)).status).toBe(200);
    const email = unique("grace");
    const invited = await inviter.post(`/${TENANT}/admin/invitations/invite`, {
      email,
      redirectUrl: DEMO_REDIRECT_URI,
      send: "",
    });
    expect(invited.status).toBe(303);
    expect(new URL(invited.headers.get("location")!).search).toBe("?done=invited");
    const invitation = await prisma().invitation.findFirstOrThrow({ where: { tenantId: TENANT, email } });
    expect([invitation.inviterType, invitation.inviterId]).toEqual(["administrator", inviter.memberId]);

    for (const role of ["directoryReader", "applicationAdministrator"] as const) {
      const caller = await portalCaller(prisma(), TENANT, role);
      expect((await caller.get(`/${TENANT}/admin/invitations`)).status, role).toBe(403);
      for (const [path, form] of [
        [`/${TENANT}/admin/invitations/invite`, { email: unique("nope"), redirectUrl: DEMO_REDIRECT_URI }],
        [`/${TENANT}/admin/invitations/${invitation.id}/resend`, {}],
        [`/${TENANT}/admin/invitations/${invitation.id}/revoke`, {}],
        [`/${TENANT}/admin/invitations/${invitation.id}/reset/confirm`, {}],
      ] as const)
        expect((await caller.post(path, form)).status, `${role} ${path}`).toBe(403);
      expect((await upload(TENANT, role, `email\n${unique("bulk")}\n`)).response.status, role).toBe(403);
    }
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("pending");

    const writer = await portalCaller(prisma(), TENANT, "userAdministrator");
    const reset = await writer.post(`/${TENANT}/admin/invitations/${invitation.id}/reset/confirm`, { send: "yes" });
    expect(reset.status).toBe(303);
    expect(new URL(reset.headers.get("location")!).search).toBe("?done=resetDone");
    const events = await audit(invitation.id);
    expect(events.map((event) => [event.type, event.actorId])).toEqual([
      ["invitation.created", inviter.memberId],
      ["invitation.redemptionReset", writer.memberId],
      ["invitation.sent", writer.memberId],
    ]);
  });

  it("keeps tenants apart: another tenant's administrator neither sees nor acts on the invitations (404)", async () => {
    const owner = await portalCaller(prisma(), TENANT, "globalAdministrator");
    const email = unique("private");
    expect((await owner.post(`/${TENANT}/admin/invitations/invite`, { email, redirectUrl: DEMO_REDIRECT_URI })).status).toBe(303);
    const invitation = await prisma().invitation.findFirstOrThrow({ where: { tenantId: TENANT, email } });

    const other = await portalCaller(prisma(), OTHER, "globalAdministrator");
    const list = await other.get(`/${OTHER}/admin/invitations`);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).not.toContain(email);
    expect(html).not.toContain(invitation.id);
    for (const verb of ["resend", "revoke", "reset/confirm"])
      expect((await other.post(`/${OTHER}/admin/invitations/${invitation.id}/${verb}`)).status, verb).toBe(404);
    // The cookie of one tenant's portal does not open another's: sent to woodgrove's path, it is no session there.
    const crossed = await fetch(`${baseURL()}/${TENANT}/admin/invitations`, {
      headers: { cookie: `gg_admin_${TENANT}=${(await adminSessionCookie(prisma(), baseURL(), OTHER, other.memberId)).value}` },
      redirect: "manual",
    });
    expect(crossed.status).toBe(307);
    expect(new URL(crossed.headers.get("location")!, baseURL()).pathname).toBe(`/${TENANT}/admin/sign-in`);

    const after = await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect([after.status, after.sends, after.ticketHash]).toEqual(["pending", 1, invitation.ticketHash]);

    // A bulk job is its uploader's: another tenant (and another administrator) get 404 for its page and result.
    const { response } = await upload(TENANT, "guestInviter", `email\n${unique("job")}\n`);
    expect(response.status).toBe(303);
    const jobPath = new URL(response.location!).pathname;
    const otherJobPath = jobPath.replace(`/${TENANT}/`, `/${OTHER}/`);
    expect((await other.get(otherJobPath)).status).toBe(404);
    expect((await other.get(`${otherJobPath}/result.csv`)).status).toBe(404);
    expect((await owner.get(jobPath)).status).toBe(404);
  });

  it("invites 990 of 1,000 CSV rows, reports the 10 bad ones with reasons, and changes nothing on a second upload", async () => {
    const batch = randomUUID().slice(0, 8);
    const good = Array.from({ length: 990 }, (_, i) => `bulk${i}.${batch}@example.com`);
    const bad: [string, string][] = [
      [`not-an-address`, "invalidAddress"],
      [`two@@${batch}.example.com`, "invalidAddress"],
      [`,Nameless,,`, "invalidAddress"],
      [`spaces in@example.com`, "invalidAddress"],
      [`${good[0]!.toUpperCase()}`, "duplicateInFile"],
      [`${good[1]}`, "duplicateInFile"],
      [`evil.${batch}@example.com,,,https://evil.example/`, "redirectNotAllowed"],
      [`http.${batch}@example.com,,,http://app.example/`, "redirectNotAllowed"],
      [`lang.${batch}@example.com,,12,`, "invalidLanguage"],
      [`long.${batch}@example.com,${"x".repeat(257)},,`, "displayNameTooLong"],
    ];
    // The bad rows spread through the file: line 2 is the first data row.
    const lines = good.map((email, i) => `${email},Bulk Guest ${i},${["en", "nl", "sv", "fr"][i % 4]},`);
    const badLines = new Map<number, string>();
    bad.forEach(([row, reason], i) => {
      const at = 100 * i + 50;
      lines.splice(at, 0, row.includes(",") ? row : `${row},,,`);
      badLines.set(at + 2, reason);
    });
    const csv = `email,displayName,language,redirectUrl\r\n${lines.join("\r\n")}\r\n`;
    expect(lines).toHaveLength(1000);

    const started = Date.now();
    const first = await upload(TENANT, "guestInviter", csv);
    expect(first.response.status).toBe(303);
    const jobPath = new URL(first.response.location!).pathname;
    expect(jobPath).toMatch(new RegExp(`^/${TENANT}/admin/invitations/bulk/[A-Za-z0-9_-]{22}$`));
    const html = await finished(first.get, jobPath);
    const seconds = (Date.now() - started) / 1000;
    console.log(`bulk: 1,000 rows invited in ${seconds.toFixed(1)} s`);
    expect(html).toMatch(/data-outcome="invited"[^>]*>990</);
    expect(html).toMatch(/data-outcome="invalid"[^>]*>10</);

    const result = await first.get(`${jobPath}/result.csv`);
    expect(result.status).toBe(200);
    expect(result.type).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = csvRecords(result.text);
    expect(header).toEqual(["line", "email", "outcome", "reason", "code"].map((key) => m("en", `bulk.columns.${key}`)));
    expect(rows).toHaveLength(1000);
    const refused = rows.filter((row) => row[2] === m("en", "bulk.outcomes.invalid"));
    expect(refused.map((row) => [Number(row[0]), row[4]])).toEqual([...badLines.entries()]);
    for (const row of refused) expect(row[3]).toBe(m("en", `problems.${row[4]}`));
    expect(rows.filter((row) => row[2] === m("en", "bulk.outcomes.invited"))).toHaveLength(990);

    const stored = await prisma().invitation.findMany({
      where: { tenantId: TENANT, email: { endsWith: `.${batch}@example.com` } },
    });
    expect(stored).toHaveLength(990);
    expect(new Set(stored.map((row) => row.email))).toEqual(new Set(good));
    expect(
      await prisma().auditEvent.count({
        where: { tenantId: TENANT, type: "invitation.created", targetId: { in: stored.map((r) => r.id) } },
      }),
    ).toBe(990);

    // The same file again: nobody invited twice, no ticket changed, the same 10 reported.
    const again = await upload(TENANT, "guestInviter", csv);
    const againHtml = await finished(again.get, new URL(again.response.location!).pathname);
    expect(againHtml).toMatch(/data-outcome="invited"[^>]*>0</);
    expect(againHtml).toMatch(/data-outcome="alreadyInvited"[^>]*>990</);
    expect(againHtml).toMatch(/data-outcome="invalid"[^>]*>10</);
    const restored = await prisma().invitation.findMany({
      where: { tenantId: TENANT, email: { endsWith: `.${batch}@example.com` } },
    });
    expect(restored).toHaveLength(990);
    expect(new Map(restored.map((row) => [row.id, row.ticketHash]))).toEqual(
      new Map(stored.map((row) => [row.id, row.ticketHash])),
    );
  }, 800_000);

  it("shows a bulk upload's progress and result without JavaScript (nl), and refuses a file without an email column", async () => {
    const page = await browser.newPage({ acceptLanguage: "nl", javaScript: false });
    await signInAsAdministrator(page.context(), prisma(), baseURL(), TENANT, "guestInviter");
    await page.goto(`/${TENANT}/admin/invitations`);
    const file = page.getByLabel(m("nl", "fields.file"), { exact: true });
    await file.setInputFiles({ name: "wrong.csv", mimeType: "text/csv", buffer: Buffer.from("name\nAda\n") });
    await page.getByRole("button", { name: m("nl", "bulk.submit") }).click();
    expect(await page.locator("#file-problem").textContent()).toBe(m("nl", "problems.csvUnknownColumn"));

    const batch = randomUUID().slice(0, 8);
    const csv = `email,displayName\na.${batch}@example.com,Anna\nnot-an-address,Bad\nb.${batch}@example.com,Bram\n`;
    await page
      .getByLabel(m("nl", "fields.file"), { exact: true })
      .setInputFiles({ name: "gasten.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: m("nl", "bulk.submit") }).click();
    await page.waitForURL((url) => url.pathname.startsWith(`/${TENANT}/admin/invitations/bulk/`));
    // Without scripts the page reloads itself (meta refresh) until the job is done.
    await page.getByRole("heading", { name: m("nl", "bulk.summaryTitle") }).waitFor({ timeout: 60_000 });
    expect(await page.locator("progress").getAttribute("value")).toBe("3");
    const table = page.getByRole("table", { name: "1 rij is niet uitgenodigd" });
    expect(await table.getByRole("row").filter({ hasText: "not-an-address" }).textContent()).toContain(
      m("nl", "problems.invalidAddress"),
    );
    await screenshots(page, "admin-invitations-bulk-nl");
  });
});
