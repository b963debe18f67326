import { describe, expect, it } from "vitest";
import { admin, app, EMAIL_PASSCODE, identity, invitationBed, inviter, OTHER, system, T, tenantFixture } from "./test-fixtures";

const APP = "https://app.woodgrove.example/callback";
const refusal = (code: string, reason?: string) =>
  expect.objectContaining({ name: "InvitationError", code, ...(reason ? { reason } : {}) });

describe("invitations: create", () => {
  it("creates the pending guest through the directory and a hashed, expiring ticket; audited with the real actor", async () => {
    const { invitations, store, directory, ticketOf } = invitationBed();
    const out = await invitations.create(inviter, T, {
      email: "  Ana.Berg@Example.NET ",
      redirectUrl: APP,
      displayName: "Ana Berg",
    });
    expect(out).toMatchObject({ status: "PendingAcceptance", created: true, messageSent: false });
    expect(out.guest).toMatchObject({ state: "pendingAcceptance", userType: "Guest", email: "ana.berg@example.net" });
    expect((await directory.describe(system, T, { id: out.guest.id })).createdVia).toBe("invitation");
    const ticket = ticketOf(out.redeemUrl);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = store.rows();
    expect(JSON.stringify(row)).not.toContain(ticket);
    expect(row!.ticketExpiresAt.toISOString()).toBe("2026-12-31T10:00:00.000Z");
    expect(store.events()).toEqual([
      expect.objectContaining({
        type: "invitation.created",
        actor: inviter,
        target: { type: "invitation", id: out.invitation.id },
      }),
    ]);
    expect(JSON.stringify(store.events())).not.toContain("ana.berg");
  });

  it("uses the tenant's ticket lifetime", async () => {
    const { invitations, store } = invitationBed({ tenants: [tenantFixture(T, { ticketLifetimeDays: 3 })] });
    await invitations.create(inviter, T, { email: "ana@example.net", redirectUrl: APP });
    expect(store.rows()[0]!.ticketExpiresAt.toISOString()).toBe("2026-12-04T10:00:00.000Z");
  });

  it.each([
    ["a guest inviter", admin("guestInviter")],
    ["a user administrator", admin("userAdministrator")],
    ["User.ReadWrite.All", app("User.ReadWrite.All")],
    ["Directory.ReadWrite.All", app("Directory.ReadWrite.All")],
  ])("lets %s invite", async (_, actor) => {
    const { invitations } = invitationBed();
    await expect(invitations.create(actor, T, { email: "ana@example.net", redirectUrl: APP })).resolves.toBeTruthy();
  });

  it.each([
    ["a directory reader", admin("directoryReader")],
    ["an application with User.Read.All", app("User.Read.All")],
    ["a guest", { type: "guest" as const, guestId: "g1" }],
  ])("refuses %s before reading anything", async (_, actor) => {
    const { invitations, store } = invitationBed();
    await expect(invitations.create(actor, T, { email: "ana@example.net", redirectUrl: APP })).rejects.toEqual(
      refusal("forbidden"),
    );
    expect(store.rows()).toEqual([]);
  });

  it.each([
    "ana",
    "ana@",
    "@example.net",
    "ana@example",
    "ana@@example.net",
    "a na@example.net",
    "ana@example.123",
    "ana@-x.example",
    `${"a".repeat(65)}@example.net`,
  ])("refuses the address %j as Graph does", async (email) => {
    const { invitations } = invitationBed();
    await expect(invitations.create(inviter, T, { email, redirectUrl: APP })).rejects.toEqual(
      refusal("invalid", "invalidAddress"),
    );
  });

  it.each([
    ["an application's redirect URI", APP],
    ["a page under an application's home page", "https://app.woodgrove.example/welcome?x=1"],
    ["a page under the tenant's allow-list", "https://portal.woodgrove.example/partners/start"],
  ])("accepts %s as inviteRedirectUrl", async (_, redirectUrl) => {
    const { invitations } = invitationBed();
    const out = await invitations.create(inviter, T, { email: "ana@example.net", redirectUrl });
    expect(out.invitation.redirectUrl).toBe(redirectUrl);
  });

  it.each([
    ["another origin", "https://evil.example/"],
    ["a look-alike host", "https://app.woodgrove.example.evil.example/"],
    ["a path that only starts like the allow-list's", "https://portal.woodgrove.example/partnersevil"],
    ["credentials in the URL", "https://user:pw@app.woodgrove.example/"],
    ["plain http", "http://app.woodgrove.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["another tenant's application", "https://bank.example/cb"],
    ["nothing", ""],
  ])("refuses %s as inviteRedirectUrl (no open redirect)", async (_, redirectUrl) => {
    const { invitations } = invitationBed();
    await expect(invitations.create(inviter, T, { email: "ana@example.net", redirectUrl })).rejects.toEqual(
      refusal("invalid", "redirectNotAllowed"),
    );
  });

  it("enforces the tenant's domain allow-list and deny-list", async () => {
    const allow = invitationBed({ tenants: [tenantFixture(T, { allowedDomains: ["partner.example"] })] });
    await expect(allow.invitations.create(inviter, T, { email: "a@partner.example", redirectUrl: APP })).resolves.toBeTruthy();
    await expect(allow.invitations.create(inviter, T, { email: "a@mail.partner.example", redirectUrl: APP })).rejects.toEqual(
      refusal("invalid", "domainNotAllowed"),
    );
    const deny = invitationBed({ tenants: [tenantFixture(T, { blockedDomains: ["rival.example"] })] });
    await expect(deny.invitations.create(inviter, T, { email: "a@RIVAL.example", redirectUrl: APP })).rejects.toEqual(
      refusal("invalid", "domainBlocked"),
    );
    await expect(deny.invitations.create(inviter, T, { email: "a@partner.example", redirectUrl: APP })).resolves.toBeTruthy();
  });

  it("invites a member only for a Global Administrator", async () => {
    const { invitations } = invitationBed();
    const input = { email: "boss@example.net", redirectUrl: APP, userType: "Member" as const };
    await expect(invitations.create(admin("userAdministrator"), T, input)).rejects.toEqual(refusal("forbidden"));
    await expect(invitations.create(app("Directory.ReadWrite.All"), T, input)).rejects.toEqual(refusal("forbidden"));
    const out = await invitations.create(admin("globalAdministrator"), T, input);
    expect(out.guest.userType).toBe("Member");
  });

  it("gives a second invitation of an address to the same guest, with a new ticket; the old ticket dies", async () => {
    const { invitations, ticketOf, directoryStore } = invitationBed();
    const first = await invitations.create(inviter, T, { email: "ana@example.net", redirectUrl: APP });
    const second = await invitations.create(admin("guestInviter"), T, { email: "ANA@example.net", redirectUrl: APP });
    expect(second.guest.id).toBe(first.guest.id);
    expect(second.invitation.id).toBe(first.invitation.id);
    expect(second).toMatchObject({ created: false, status: "PendingAcceptance" });
    expect(await invitations.open(T, ticketOf(first.redeemUrl))).toEqual({ status: "unknown" });
    expect((await invitations.open(T, ticketOf(second.redeemUrl))).status).toBe("valid");
    expect((await directoryStore.findByEmail(T, "ana@example.net"))?.id).toBe(first.guest.id);
  });

  it("returns an existing guest who redeemed already, creating and sending nothing (Graph: Completed)", async () => {
    const { invitations, directory, mails, store } = invitationBed();
    const { guest } = await directory.signUp({
      tenantId: T,
      identity: identity("g-1", { email: "ana@example.net", emailVerified: true }),
      attributes: {},
      displayName: "Ana",
      userFlowName: "f",
      clientId: "c",
      correlationId: "j",
    });
    const out = await invitations.create(inviter, T, { email: "ana@example.net", redirectUrl: APP, sendInvitationMessage: true });
    expect(out).toMatchObject({ status: "Completed", created: false, messageSent: false, redeemUrl: APP });
    expect(out.guest.id).toBe(guest.id);
    expect(mails).toEqual([]);
    expect(store.rows()).toEqual([]);
  });

  it("keeps tenants apart: the same address in two tenants is two guests, and a ticket opens only in its own tenant", async () => {
    const { invitations, ticketOf } = invitationBed();
    const here = await invitations.create(inviter, T, { email: "ana@example.net", redirectUrl: APP });
    const there = await invitations.create(inviter, OTHER, { email: "ana@example.net", redirectUrl: "https://bank.example/cb" });
    expect(there.guest.id).not.toBe(here.guest.id);
    expect(await invitations.open(OTHER, ticketOf(here.redeemUrl))).toEqual({ status: "unknown" });
    await expect(invitations.get(inviter, OTHER, here.invitation.id)).rejects.toEqual(refusal("notFound"));
  });
});

describe("invitations: the e-mail", () => {
  it("sends in the message language with the inviter's name, the custom message and one cc", async () => {
    const { invitations, mails, ticketOf } = invitationBed();
    const out = await invitations.create(admin("guestInviter"), T, {
      email: "ana@example.net",
      redirectUrl: APP,
      sendInvitationMessage: true,
      messageLanguage: "nl-NL",
      customMessage: "Welkom <b>Ana</b>",
      ccRecipients: ["Sponsor@Woodgrove.example"],
    });
    expect(out.messageSent).toBe(true);
    expect(mails).toEqual([
      expect.objectContaining({
        kind: "invitation",
        to: "ana@example.net",
        cc: "sponsor@woodgrove.example",
        language: "nl",
        inviterName: "Ada Admin",
        customMessage: "Welkom <b>Ana</b>",
        redeemUrl: out.redeemUrl,
      }),
    ]);
    expect(ticketOf(mails[0]!.redeemUrl)).toBe(ticketOf(out.redeemUrl));
  });

  it("refuses two cc recipients and a bad cc address", async () => {
    const { invitations } = invitationBed();
    const base = { email: "ana@example.net", redirectUrl: APP, sendInvitationMessage: true };
    await expect(invitations.create(inviter, T, { ...base, ccRecipients: ["a@example.net", "b@example.net"] })).rejects.toEqual(
      refusal("invalid", "tooManyCc"),
    );
    await expect(invitations.create(inviter, T, { ...base, ccRecipients: ["nope"] })).rejects.toEqual(
      refusal("invalid", "invalidAddress"),
    );
  });

  it("falls back to the tenant's default language for a language Guestgate does not have", async () => {
    const { invitations, mails } = invitationBed();
    await invitations.create(inviter, T, {
      email: "ana@example.net",
      redirectUrl: APP,
      sendInvitationMessage: true,
      messageLanguage: "de-DE",
    });
    expect(mails[0]!.language).toBe("en");
  });

  it("says 'invited again' on a resend, whose new ticket kills the old one", async () => {
    const { invitations, mails, ticketOf } = invitationBed();
    const first = await invitations.create(inviter, T, {
      email: "ana@example.net",
      redirectUrl: APP,
      sendInvitationMessage: true,
    });
    const again = await invitations.resend(inviter, T, first.invitation.id);
    expect(mails.map((m) => m.kind)).toEqual(["invitation", "invitedAgain"]);
    expect(again.invitation.sends).toBe(2);
    expect(await invitations.open(T, ticketOf(first.redeemUrl))).toEqual({ status: "unknown" });
    expect((await invitations.open(T, ticketOf(again.redeemUrl))).status).toBe("valid");
  });

  it("still creates the invitation when the mail server fails, and the reminder job sends it later", async () => {
    const bed = invitationBed();
    bed.failMail(true);
    const out = await bed.invitations.create(inviter, T, {
      email: "ana@example.net",
      redirectUrl: APP,
      sendInvitationMessage: true,
    });
    expect(out.messageSent).toBe(false);
    bed.failMail(false);
    bed.advanceDays(8);
    expect(
      await bed.invitations.sendReminders(
        { type: "system", name: "job:invitation-reminders" },
        new Date("2026-12-09T10:00:00Z"),
        10,
      ),
    ).toBe(1);
    expect(bed.mails.map((m) => m.kind)).toEqual(["reminder"]);
  });

  it("reminds once, after reminderAfterDays, with a fresh link", async () => {
    const bed = invitationBed();
    const out = await bed.invitations.create(inviter, T, {
      email: "ana@example.net",
      redirectUrl: APP,
      sendInvitationMessage: true,
    });
    const job = { type: "system" as const, name: "job:invitation-reminders" };
    expect(await bed.invitations.sendReminders(job, new Date("2026-12-05T10:00:00Z"), 10)).toBe(0);
    bed.setNow(new Date("2026-12-09T10:00:00Z"));
    expect(await bed.invitations.sendReminders(job, new Date("2026-12-09T10:00:00Z"), 10)).toBe(1);
    expect(await bed.invitations.sendReminders(job, new Date("2026-12-20T10:00:00Z"), 10)).toBe(0);
    const reminder = bed.mails[1]!;
    expect(reminder.kind).toBe("reminder");
    expect(await bed.invitations.open(T, bed.ticketOf(out.redeemUrl))).toEqual({ status: "unknown" });
    expect((await bed.invitations.open(T, bed.ticketOf(reminder.redeemUrl))).status).toBe("valid");
  });
});

describe("invitations: tickets and redemption", () => {
  async function invited(bed = invitationBed()) {
    const out = await bed.invitations.create(inviter, T, { email: "ana@example.net", redirectUrl: APP });
    return { ...bed, out, ticket: bed.ticketOf(out.redeemUrl) };
  }

  it("opens a live ticket, and says why a dead one is dead", async () => {
    const bed = await invited();
    expect(await bed.invitations.open(T, bed.ticket)).toMatchObject({
      status: "valid",
      invitation: { email: "ana@example.net", state: "pending" },
    });
    const tampered = `${bed.ticket[0] === "A" ? "B" : "A"}${bed.ticket.slice(1)}`;
    expect(await bed.invitations.open(T, tampered)).toEqual({ status: "unknown" });
    expect(await bed.invitations.open(T, "short")).toEqual({ status: "unknown" });
    bed.advanceDays(31);
    expect(await bed.invitations.open(T, bed.ticket)).toEqual({ status: "expired" });
  });

  it("refuses a revoked ticket", async () => {
    const bed = await invited();
    const revoked = await bed.invitations.revoke(admin("guestInviter"), T, bed.out.invitation.id);
    expect(revoked.state).toBe("revoked");
    expect(await bed.invitations.open(T, bed.ticket)).toEqual({ status: "revoked" });
    const proof = { kind: "passcode" as const, address: "ana@example.net" };
    expect(await bed.invitations.redeem(T, bed.ticket, EMAIL_PASSCODE("ana@example.net"), proof)).toEqual({
      ok: false,
      reason: "revoked",
    });
    expect(bed.store.events().map((e) => e.type)).toEqual(["invitation.created", "invitation.revoked"]);
  });

  it("redeems with a passcode to the invited address: identity linked, guest active, ticket spent, audited with the guest", async () => {
    const bed = await invited();
    const passcode = EMAIL_PASSCODE("ana@example.net");
    const result = await bed.invitations.redeem(
      T,
      bed.ticket,
      passcode,
      { kind: "passcode", address: "ana@example.net" },
      "journey-1",
    );
    expect(result).toMatchObject({
      ok: true,
      guest: { id: bed.out.guest.id, state: "active" },
      invitation: { state: "accepted" },
    });
    expect((await bed.directory.findByIdentity(T, passcode))?.id).toBe(bed.out.guest.id);
    expect(await bed.invitations.open(T, bed.ticket)).toEqual({ status: "redeemed" });
    expect(bed.store.events().at(-1)).toMatchObject({
      type: "invitation.redeemed",
      actor: { type: "guest", guestId: bed.out.guest.id },
      correlationId: "journey-1",
    });
    // Replayed: the spent ticket links nothing more.
    const again = await bed.invitations.redeem(T, bed.ticket, identity("other"), {
      kind: "passcode",
      address: "ana@example.net",
    });
    expect(again).toEqual({ ok: false, reason: "redeemed" });
    expect(await bed.directory.findByIdentity(T, identity("other"))).toBeNull();
  });

  it("redeems with an upstream identity only when its verified e-mail is the invited address", async () => {
    const bed = await invited();
    const unverified = identity("g-1", { email: "ana@example.net", emailVerified: false });
    expect(await bed.invitations.redeem(T, bed.ticket, unverified, { kind: "upstream", identity: unverified })).toEqual({
      ok: false,
      reason: "proofRequired",
    });
    const otherAddress = identity("g-2", { email: "eve@example.net", emailVerified: true });
    expect(await bed.invitations.redeem(T, bed.ticket, otherAddress, { kind: "upstream", identity: otherAddress })).toEqual({
      ok: false,
      reason: "proofRequired",
    });
    // A forwarded link: someone with another address proves that address, not the invited one.
    expect(await bed.invitations.redeem(T, bed.ticket, otherAddress, { kind: "passcode", address: "eve@example.net" })).toEqual({
      ok: false,
      reason: "proofRequired",
    });
    expect(await bed.directory.findByIdentity(T, otherAddress)).toBeNull();
    // The same person's other account, once the passcode to the invited address is given.
    expect(
      await bed.invitations.redeem(T, bed.ticket, otherAddress, { kind: "passcode", address: "ana@example.net" }),
    ).toMatchObject({ ok: true });
    expect((await bed.directory.findByIdentity(T, otherAddress))?.id).toBe(bed.out.guest.id);
  });

  it("links one identity when two redemptions run at once", async () => {
    const bed = await invited();
    const proof = { kind: "passcode" as const, address: "ana@example.net" };
    const results = await Promise.all([
      bed.invitations.redeem(T, bed.ticket, identity("first"), proof),
      bed.invitations.redeem(T, bed.ticket, identity("second"), proof),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "redeemed" }]);
    const linked = [
      await bed.directory.findByIdentity(T, identity("first")),
      await bed.directory.findByIdentity(T, identity("second")),
    ];
    expect(linked.filter(Boolean)).toHaveLength(1);
  });

  it("refuses an identity that belongs to another guest, and the ticket stays good", async () => {
    const bed = await invited();
    await bed.directory.signUp({
      tenantId: T,
      identity: identity("taken"),
      attributes: {},
      displayName: null,
      userFlowName: "f",
      clientId: "c",
      correlationId: "j",
    });
    const proof = { kind: "passcode" as const, address: "ana@example.net" };
    expect(await bed.invitations.redeem(T, bed.ticket, identity("taken"), proof)).toEqual({ ok: false, reason: "identityTaken" });
    expect((await bed.invitations.open(T, bed.ticket)).status).toBe("valid");
  });

  it("resets a redemption: identities unlinked, guest pending again, a new ticket; needs a user writer", async () => {
    const bed = await invited();
    await bed.invitations.redeem(T, bed.ticket, identity("old"), { kind: "passcode", address: "ana@example.net" });
    await expect(bed.invitations.resetRedemption(inviter, T, bed.out.invitation.id)).rejects.toEqual(refusal("forbidden"));
    await expect(bed.invitations.resend(inviter, T, bed.out.invitation.id)).rejects.toEqual(refusal("conflict", "accepted"));
    const reset = await bed.invitations.resetRedemption(admin("userAdministrator"), T, bed.out.invitation.id);
    expect(reset.guest).toMatchObject({ id: bed.out.guest.id, state: "pendingAcceptance" });
    expect(await bed.directory.findByIdentity(T, identity("old"))).toBeNull();
    expect(await bed.invitations.open(T, bed.ticket)).toEqual({ status: "unknown" });
    const fresh = bed.ticketOf(reset.redeemUrl);
    expect(
      await bed.invitations.redeem(T, fresh, identity("new"), { kind: "passcode", address: "ana@example.net" }),
    ).toMatchObject({ ok: true });
  });

  it("resets through create with resetRedemptionOf (Graph's resetRedemption + invitedUser.id)", async () => {
    const bed = await invited();
    await bed.invitations.redeem(T, bed.ticket, identity("old"), { kind: "passcode", address: "ana@example.net" });
    const input = { email: "ana@example.net", redirectUrl: APP, resetRedemptionOf: bed.out.guest.id };
    await expect(bed.invitations.create(app("User.Invite.All"), T, input)).rejects.toEqual(refusal("forbidden"));
    const out = await bed.invitations.create(app("User.ReadWrite.All"), T, input);
    expect(out).toMatchObject({ status: "PendingAcceptance", guest: { id: bed.out.guest.id, state: "pendingAcceptance" } });
    await expect(bed.invitations.create(app("User.ReadWrite.All"), T, { ...input, resetRedemptionOf: "nobody" })).rejects.toEqual(
      refusal("notFound"),
    );
  });
});

describe("invitations: list", () => {
  it("lists with state pending, accepted, expired and revoked, and pages", async () => {
    const bed = invitationBed();
    const make = (email: string) => bed.invitations.create(inviter, T, { email, redirectUrl: APP });
    const a = await make("a@example.net");
    const b = await make("b@example.net");
    await make("c@example.net");
    await bed.invitations.revoke(inviter, T, b.invitation.id);
    await bed.invitations.redeem(T, bed.ticketOf(a.redeemUrl), identity("a"), { kind: "passcode", address: "a@example.net" });
    const states = async () =>
      (await bed.invitations.list(admin("directoryReader"), T)).invitations.map((i) => [i.email, i.state]);
    expect(await states()).toEqual([
      ["a@example.net", "accepted"],
      ["b@example.net", "revoked"],
      ["c@example.net", "pending"],
    ]);
    bed.advanceDays(40);
    expect((await bed.invitations.list(inviter, T, { state: "expired" })).invitations.map((i) => i.email)).toEqual([
      "c@example.net",
    ]);
    const first = await bed.invitations.list(inviter, T, { top: 2 });
    expect(first.invitations).toHaveLength(2);
    const second = await bed.invitations.list(inviter, T, { top: 2, cursor: first.nextCursor! });
    expect(second.invitations.map((i) => i.email)).toEqual(["c@example.net"]);
    expect(second.nextCursor).toBeUndefined();
    expect((await bed.invitations.list(inviter, OTHER)).invitations).toEqual([]);
    await expect(bed.invitations.list({ type: "guest", guestId: "x" }, T)).rejects.toEqual(refusal("forbidden"));
  });
});

describe("invitations: redirect choices", () => {
  it("offers the tenant's own application URLs to whoever may invite, and nothing to a reader", async () => {
    const bed = invitationBed();
    expect(await bed.invitations.redirectChoices(admin("guestInviter"), T)).toEqual([
      "https://app.woodgrove.example/",
      "https://app.woodgrove.example/callback",
    ]);
    expect(await bed.invitations.redirectChoices(admin("guestInviter"), OTHER)).toEqual(["https://bank.example/cb"]);
    await expect(bed.invitations.redirectChoices(admin("directoryReader"), T)).rejects.toEqual(refusal("forbidden"));
  });
});
