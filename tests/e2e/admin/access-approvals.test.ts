// The portal's approval queue against next start: a request for an access package waits in two
// stages; the first stage's approver (a User Administrator) finds it in their queue, is refused
// without the justification the policy requires, approves; the second's (a Guest Inviter, who may
// not read the catalog) opens the page the approvers' e-mail links to and approves, and the
// person holds the assignment. Two approvers of one stage deciding at once give one decision, and
// the other is told who decided. Every decision is audited with the administrator as actor;
// an administrator who approves nothing may not open the request.
import { describe, expect, it } from "vitest";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { baseURL, message } from "../support/site";
import { seedGuest, seedPendingRequest, user } from "./access-seed";
import { portalCaller, screenshots } from "./portal-requests";

const browser = withBrowser();
const prisma = withDatabase();
const TENANT = "woodgrove";
const m = (locale: string, key: string, values?: Record<string, string>) =>
  message(locale, `admin.accessApprovals.${key}`, values);
const unique = () => Math.random().toString(36).slice(2, 8);

describe("the approval queue", () => {
  it.each(["sv", "en"])("takes a two-stage request through both stages (%s)", async (locale) => {
    const first = await browser.newPage({ acceptLanguage: locale });
    const second = await browser.newPage({ acceptLanguage: locale });
    const firstEmail = `first.${unique()}@woodgrove.example`;
    const firstId = await signInAsAdministrator(first.context(), prisma(), baseURL(), TENANT, "userAdministrator", firstEmail);
    const secondEmail = `second.${unique()}@woodgrove.example`;
    const secondId = await signInAsAdministrator(second.context(), prisma(), baseURL(), TENANT, "guestInviter", secondEmail);
    const guest = await seedGuest(prisma(), TENANT, "Fiona Fabrikam");
    const { request, accessPackage } = await seedPendingRequest(prisma(), TENANT, {
      targetId: guest.id,
      stages: [[user(firstId)], [user(secondId)]],
    });

    // Stage 1: from the queue.
    await first.goto(`/${TENANT}/admin/access-approvals`);
    expect(await htmlLang(first)).toBe(locale);
    const mine = first.getByRole("table", { name: m(locale, "queue.mine") });
    await mine
      .getByRole("link", {
        name: m(locale, "queue.open", { person: "Fiona Fabrikam", accessPackage: accessPackage.displayName }),
      })
      .click();
    expect(new URL(first.url()).pathname).toBe(`/${TENANT}/admin/access-approvals/${request.id}`);
    expect(await first.getByRole("heading", { level: 1 }).textContent()).toBe(
      m(locale, "detail.title", { person: "Fiona Fabrikam", accessPackage: accessPackage.displayName }),
    );
    await expect.poll(() => first.getByText("Delivers spare parts to us").count()).toBe(1);
    await expect.poll(() => first.getByText(guest.email!).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(first);
    await screenshots(first, `admin-access-approval-${locale}`);

    // The policy requires the approver's justification: refused next to the field, nothing decided.
    await first.getByRole("button", { name: m(locale, "decision.approveLabel", { person: "Fiona Fabrikam" }) }).click();
    expect(await first.locator("#justification-problem").textContent()).toBe(m(locale, "problems.justificationRequired"));
    expect(await first.title()).toMatch(new RegExp(`^${m(locale, "errorTitle", { title: "" }).trim()}`));
    const stages = () =>
      prisma().accessPackageApprovalStage.findMany({ where: { requestId: request.id }, orderBy: { sequence: "asc" } });
    expect((await stages()).map((s) => s.status)).toEqual(["InProgress", "NotStarted"]);
    await first.getByLabel(m(locale, "decision.justification"), { exact: true }).fill("Known supplier since 2019");
    await first.getByRole("button", { name: m(locale, "decision.approveLabel", { person: "Fiona Fabrikam" }) }).click();
    expect(new URL(first.url()).pathname).toBe(`/${TENANT}/admin/access-approvals`);
    expect(await first.getByRole("status").textContent()).toBe(m(locale, "notices.approved"));
    expect(await first.getByRole("table", { name: m(locale, "queue.mine") }).count()).toBe(0);

    // Stage 2: the e-mail's link, by an approver who may not read the catalog.
    const detail = await second.goto(`/${TENANT}/admin/access-approvals/${request.id}`);
    expect(detail?.status()).toBe(200);
    expect(await second.getByText(m(locale, "stage.approved", { who: firstEmail, when: "" }).split(firstEmail)[0]!).count()).toBe(
      1,
    );
    expect(await second.getByText("Known supplier since 2019", { exact: false }).count()).toBe(1);
    await screenshots(second, `admin-access-approval-stage2-${locale}`);
    await second.getByRole("button", { name: m(locale, "decision.approveLabel", { person: "Fiona Fabrikam" }) }).click();
    expect(await second.getByRole("status").textContent()).toBe(m(locale, "notices.approved"));

    const delivered = await prisma().accessPackageAssignmentRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(delivered.state).toBe("delivered");
    expect(await prisma().accessPackageAssignment.count({ where: { targetGuestId: guest.id, state: "delivered" } })).toBe(1);
    const decisions = await prisma().auditEvent.findMany({
      where: { tenantId: TENANT, targetId: request.id, type: "accessPackageAssignmentRequest.approved" },
      orderBy: { createdAt: "asc" },
    });
    expect(decisions.map((event) => [event.actorType, event.actorId])).toEqual([
      ["administrator", firstId],
      ["administrator", secondId],
    ]);
  });

  it("gives two approvers deciding at once one decision, and tells the other who decided", async () => {
    const pages = [await browser.newPage({ acceptLanguage: "en" }), await browser.newPage({ acceptLanguage: "sv" })];
    const emails = [`ana.${unique()}@woodgrove.example`, `bo.${unique()}@woodgrove.example`];
    const ids = [
      await signInAsAdministrator(pages[0]!.context(), prisma(), baseURL(), TENANT, "globalAdministrator", emails[0]),
      await signInAsAdministrator(pages[1]!.context(), prisma(), baseURL(), TENANT, "directoryReader", emails[1]),
    ];
    const guest = await seedGuest(prisma(), TENANT, "Gustav Gäst");
    const { request } = await seedPendingRequest(prisma(), TENANT, { targetId: guest.id, stages: [ids.map(user)] });
    const locales = ["en", "sv"] as const;
    for (const [index, page] of pages.entries()) {
      await page.goto(`/${TENANT}/admin/access-approvals/${request.id}`);
      await page.getByLabel(m(locales[index]!, "decision.justification"), { exact: true }).fill(`Decision ${index}`);
    }
    await Promise.all(
      pages.map((page, index) =>
        page.getByRole("button", { name: m(locales[index]!, "decision.approveLabel", { person: "Gustav Gäst" }) }).click(),
      ),
    );

    const stage = await prisma().accessPackageApprovalStage.findFirstOrThrow({ where: { requestId: request.id } });
    const winner = ids.indexOf(stage.reviewedById!);
    expect(winner).toBeGreaterThanOrEqual(0);
    const loser = 1 - winner;
    expect(await pages[winner]!.getByRole("status").textContent()).toBe(m(locales[winner]!, "notices.approved"));
    const told = (await pages[loser]!.getByRole("main").getByRole("alert").textContent()) ?? "";
    const [before] = m(locales[loser]!, "problems.decidedApproved", { who: "\u0000", when: "" }).split("\u0000");
    expect(told.startsWith(before!)).toBe(true);
    expect(told).toContain(emails[winner]);
    await screenshots(pages[loser]!, `admin-access-approval-conflict-${locales[loser]}`);
    expect(
      await prisma().auditEvent.count({ where: { targetId: request.id, type: "accessPackageAssignmentRequest.approved" } }),
    ).toBe(1);
    expect((await prisma().accessPackageAssignmentRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe(
      "delivered",
    );
  });

  it("lets only the stage's approvers and entitlement readers open a request, and only its approvers decide", async () => {
    const approver = await portalCaller(prisma(), TENANT, "applicationAdministrator", `approver.${unique()}@woodgrove.example`);
    const bystander = await portalCaller(prisma(), TENANT, "applicationAdministrator", `bystander.${unique()}@woodgrove.example`);
    const reader = await portalCaller(prisma(), TENANT, "directoryReader", `reader.${unique()}@woodgrove.example`);
    const guest = await seedGuest(prisma(), TENANT, "Petra Partner");
    const { request } = await seedPendingRequest(prisma(), TENANT, { targetId: guest.id, stages: [[user(approver.memberId)]] });
    const here = `/${TENANT}/admin/access-approvals/${request.id}`;
    expect((await approver.get(here)).status).toBe(200);
    expect((await reader.get(here)).status).toBe(200);
    expect((await bystander.get(here)).status).toBe(403);
    // The queue itself is every administrator's (any of them may be named an approver).
    expect((await bystander.get(`/${TENANT}/admin/access-approvals`)).status).toBe(200);
    const stage = await prisma().accessPackageApprovalStage.findFirstOrThrow({ where: { requestId: request.id } });
    const refused = await reader.post(`${here}/decide`, { stageId: stage.id, decision: "deny", justification: "No" });
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get("location")!).search).toBe("?problem=forbidden");
    expect((await prisma().accessPackageApprovalStage.findUniqueOrThrow({ where: { id: stage.id } })).status).toBe("InProgress");
    // Another tenant's session is not let in, and a cross-site POST is refused before anything.
    const crossSite = await fetch(`${baseURL()}${here}/decide`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ stageId: stage.id, decision: "approve" }),
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    expect((await approver.get(`/sparbanken/admin/access-approvals/${request.id}`)).status).not.toBe(200);
  });
});
