// Resetting an invitation's redemption from the portal's Invitations page, as a Guest Inviter
// (Entra's least privileged role for it), in each language: the list's link opens a confirmation
// page that says what happens, the e-mail is optional, the reset is audited with the inviter, the
// guest is pending again and only a new link redeems.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInAsAdministrator } from "../support/admin";
import { APPS, DEMO_REDIRECT_URI } from "../support/applications";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { submitAndWait } from "../support/journey";
import { Mailbox } from "../support/mailbox";
import { baseURL, message } from "../support/site";
import { portalCaller } from "./portal-requests";

const browser = withBrowser();
const prisma = withDatabase();
const mailbox = new Mailbox();
const m = (locale: string, key: string, values?: Record<string, string>) => message(locale, `admin.invitations.${key}`, values);

const CASES = [
  { locale: "en", tenant: "woodgrove", redirectUrl: DEMO_REDIRECT_URI, send: true },
  { locale: "nl", tenant: "woodgrove", redirectUrl: DEMO_REDIRECT_URI, send: false },
  { locale: "sv", tenant: "sparbanken", redirectUrl: DEMO_REDIRECT_URI, send: true },
  { locale: "fr", tenant: "e2e", redirectUrl: APPS.e2eInvitations.registeredRedirectUri, send: false },
] as const;

describe.each(CASES)("resetting a redemption in $locale at $tenant", ({ locale, tenant, redirectUrl, send }) => {
  it(`a Guest Inviter confirms on its own page, ${send ? "with" : "without"} the e-mail, audited, the guest pending again`, async () => {
    const email = `reset.${randomUUID().slice(0, 8)}@example.com`;
    const owner = await portalCaller(prisma(), tenant, "globalAdministrator");
    expect((await owner.post(`/${tenant}/admin/invitations/invite`, { email, redirectUrl, send: "" })).status).toBe(303);
    const created = await prisma().invitation.findFirstOrThrow({ where: { tenantId: tenant, email } });
    // Setup only: as if the person had redeemed (the redemption itself is tests/e2e/invitations).
    await prisma().invitation.update({ where: { id: created.id }, data: { status: "accepted", redeemedAt: new Date() } });
    await prisma().guest.update({ where: { id: created.guestId }, data: { state: "active" } });

    const page = await browser.newPage({ acceptLanguage: locale });
    const inviterId = await signInAsAdministrator(page.context(), prisma(), baseURL(), tenant, "guestInviter");
    await page.goto(`/${tenant}/admin/invitations?state=accepted`);
    expect(await htmlLang(page)).toBe(locale);
    await submitAndWait(page, () =>
      page.getByRole("link", { name: m(locale, "actions.resetLabel", { email }), exact: true }).click(),
    );

    // The confirmation: nothing has happened yet.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(m(locale, "reset.title", { email }));
    expect(await page.getByText(m(locale, "reset.body"), { exact: true }).count()).toBe(1);
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("accepted");
    await expectNoAxeViolations(page);
    const box = page.getByLabel(m(locale, "reset.send"), { exact: true });
    expect(await box.isChecked()).toBe(true);
    if (!send) await box.uncheck();
    // count() does not wait: the POST and its 303 must have been followed before the notice is read.
    await submitAndWait(page, () => page.getByRole("button", { name: m(locale, "reset.submit"), exact: true }).click());

    const notice = m(locale, send ? "notices.resetDone" : "notices.resetDoneQuiet");
    expect(await page.getByRole("status").filter({ hasText: notice }).count()).toBe(1);
    const after = await prisma().invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect([after.status, after.ticketHash === created.ticketHash]).toEqual(["pending", false]);
    expect((await prisma().guest.findUniqueOrThrow({ where: { id: created.guestId } })).state).toBe("pendingAcceptance");
    const events = await prisma().auditEvent.findMany({
      where: { tenantId: tenant, targetType: "invitation", targetId: created.id, type: { not: "invitation.created" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.type, event.actorId])).toEqual([
      ["invitation.redemptionReset", inviterId],
      ...(send ? [["invitation.sent", inviterId]] : []),
    ]);
    if (send) expect((await mailbox.next(email)).header("subject")).toBeTruthy();
    else expect(await mailbox.count(email)).toBe(0);
  });
});

describe("who may reset a redemption", () => {
  it("a Guest Inviter or higher, from the confirmation's POST; a Directory Reader gets 403 and nothing changes", async () => {
    const tenant = "woodgrove";
    const email = `reset-roles.${randomUUID().slice(0, 8)}@example.com`;
    const owner = await portalCaller(prisma(), tenant, "globalAdministrator");
    await owner.post(`/${tenant}/admin/invitations/invite`, { email, redirectUrl: DEMO_REDIRECT_URI, send: "" });
    const invitation = await prisma().invitation.findFirstOrThrow({ where: { tenantId: tenant, email } });
    const reader = await portalCaller(prisma(), tenant, "directoryReader");
    expect((await reader.get(`/${tenant}/admin/invitations/${invitation.id}/reset`)).status).toBe(403);
    expect((await reader.post(`/${tenant}/admin/invitations/${invitation.id}/reset/confirm`, { send: "yes" })).status).toBe(403);
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).ticketHash).toBe(
      invitation.ticketHash,
    );
    const other = await portalCaller(prisma(), "sparbanken", "globalAdministrator");
    expect((await other.get(`/sparbanken/admin/invitations/${invitation.id}/reset`)).status).toBe(404);
    expect((await other.post(`/sparbanken/admin/invitations/${invitation.id}/reset/confirm`)).status).toBe(404);
  });
});
