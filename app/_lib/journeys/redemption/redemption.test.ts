import { describe, expect, it } from "vitest";
import { createDirectoryService, createMemoryDirectoryStore, type ProvenIdentity } from "../../directory";
import { createInvitationService, createMemoryInvitationStore } from "../../invitations";
import { startJourney, submitJourney, upstreamReturned } from "../engine";
import { journeyHarness, SIGN_UP_ATTRIBUTES } from "../engine/test-harness";
import { EMAIL_OTP_ISSUER } from "../signup/identify";
import { demoFlow, WOODGROVE_SHOP } from "../user-flows/test-fixtures";
import { invitationContinuePath, REDEMPTION_KIND } from "./kind";

const APP = "https://shop.woodgrove.example/callback";
const base = demoFlow("woodgrove");
// The shop's flow with an upstream provider next to the passcode, to follow a forwarded link.
const flow = { ...base, identityProviders: [...base.identityProviders, "partner"] };

function bed() {
  const h = journeyHarness(flow);
  const tenant = {
    ...h.tenant,
    identityProviders: [
      ...h.tenant.identityProviders,
      { kind: "oidc" as const, id: "partner", displayName: "Partner", issuer: "https://idp.partner.example", clientId: "x" },
    ],
  } as typeof h.tenant;
  const directory = createDirectoryService({
    store: createMemoryDirectoryStore(),
    clock: { now: () => new Date() },
    cursorKey: new Uint8Array(32),
  });
  const invitations = createInvitationService({
    store: createMemoryInvitationStore(),
    directory,
    tenants: { find: (slug) => (slug === tenant.slug ? tenant : undefined), list: () => [tenant] },
    applicationUrls: async () => ({ redirectUris: [APP], homePages: [] }),
    redeemUrl: (slug, ticket) => `https://id.example/${slug}/invite/${ticket}`,
    clock: { now: () => new Date() },
  });
  const deps = {
    ...h.deps,
    directory,
    invitations: { ...invitations, clientFor: async (_t: string, url: string) => (url === APP ? WOODGROVE_SHOP : undefined) },
  };
  const invite = async (email = "ana@example.net") => {
    const out = await invitations.create({ type: "system", name: "cli" }, tenant.slug, { email, redirectUrl: APP });
    return { ...out, ticket: out.redeemUrl.split("/").at(-1)! };
  };
  const start = async (ticket: string, invitationId: string) => {
    const started = await startJourney(deps, tenant, {
      kind: REDEMPTION_KIND,
      completion: { type: "redirect", url: invitationContinuePath(tenant.slug, invitationId) },
      locale: "en",
      ticket,
    });
    if (!started.ok) return started;
    return { ok: true as const, id: started.journey.id, binding: started.bindingNonce };
  };
  const submit = async (j: { id: string; binding: string }, input: Record<string, string>) =>
    submitJourney(deps, {
      tenant,
      journeyId: j.id,
      binding: j.binding,
      client: "203.0.113.9",
      locale: "en",
      input: { version: String((await h.journeys.find(j.id))!.version), ...input },
    });
  return { h, tenant, deps, directory, invitations, invite, start, submit };
}

describe("the invitation redemption journey", () => {
  it("redeems by a passcode sent to the invited address, collects the flow's attributes and goes on to the invitation", async () => {
    const b = bed();
    const inv = await b.invite();
    const j = await b.start(inv.ticket, inv.invitation.id);
    if (!j.ok) throw new Error(j.reason);
    expect(await b.h.journeys.find(j.id)).toMatchObject({
      kind: "redemption",
      state: "chooseProvider",
      ui: { email: "ana@example.net" },
    });
    await b.submit(j, { provider: "email" });
    expect(b.h.mailbox.at(-1)!.to).toBe("ana@example.net");
    await b.submit(j, { code: b.h.mailbox.at(-1)!.code });
    expect((await b.h.journeys.find(j.id))!.state).toBe("collectAttributes");
    // Proven, but not redeemed: the ticket dies only with the completed redemption.
    expect(await b.invitations.open("woodgrove", inv.ticket)).toMatchObject({ status: "valid" });
    expect(await b.directory.get({ type: "system", name: "t" }, "woodgrove", inv.guest.id)).toMatchObject({
      state: "pendingAcceptance",
    });
    const done = await b.submit(j, SIGN_UP_ATTRIBUTES);
    // The browser leaves signed in (the OP session), so the application's next authorization is silent.
    expect(done).toMatchObject({
      kind: "redirect",
      to: `/woodgrove/invite/continue/${inv.invitation.id}`,
      setCookies: [`op_session=${inv.guest.id}`],
    });
    const guest = await b.directory.get({ type: "system", name: "t" }, "woodgrove", inv.guest.id);
    expect(guest).toMatchObject({ state: "active", attributes: { givenName: "Ann" } });
    expect(await b.invitations.continueUrl("woodgrove", inv.invitation.id)).toBe(APP);
    expect(await b.invitations.open("woodgrove", inv.ticket)).toEqual({ status: "redeemed" });
  });

  it("does not start for a dead ticket, and says which death", async () => {
    const b = bed();
    const inv = await b.invite();
    await b.invitations.revoke({ type: "system", name: "cli" }, "woodgrove", inv.invitation.id);
    expect(await b.start(inv.ticket, inv.invitation.id)).toEqual({ ok: false, reason: "invitationRevoked" });
    expect(await b.start("x".repeat(43), inv.invitation.id)).toEqual({ ok: false, reason: "invitationUnknown" });
  });

  it("a forwarded link opened with another account links nothing until the invited address's passcode is given", async () => {
    const b = bed();
    const inv = await b.invite();
    const j = await b.start(inv.ticket, inv.invitation.id);
    if (!j.ok) throw new Error(j.reason);
    await b.submit(j, { provider: "partner" });
    const eve: ProvenIdentity = {
      providerId: "partner",
      issuer: "https://idp.partner.example",
      subject: "eve",
      email: "eve@example.net",
      emailVerified: true,
    };
    const sub = { tenant: b.tenant, journeyId: j.id, binding: j.binding, client: "203.0.113.9", locale: "en" as const };
    await upstreamReturned(b.deps, sub, { identity: eve });
    expect(await b.h.journeys.find(j.id)).toMatchObject({ state: "enterCode", ui: { email: "ana@example.net" } });
    expect(b.h.mailbox.at(-1)!.to).toBe("ana@example.net");
    expect(await b.directory.findByIdentity("woodgrove", eve)).toBeNull();
    await b.submit(j, { code: "000000" });
    expect(await b.directory.findByIdentity("woodgrove", eve)).toBeNull();
    await b.submit(j, { code: b.h.mailbox.at(-1)!.code });
    expect(await b.directory.findByIdentity("woodgrove", eve)).toBeNull();
    await b.submit(j, SIGN_UP_ATTRIBUTES);
    expect((await b.directory.findByIdentity("woodgrove", eve))?.id).toBe(inv.guest.id);
  });

  it("an upstream identity whose verified e-mail is the invited address redeems straight away", async () => {
    const b = bed();
    const inv = await b.invite();
    const j = await b.start(inv.ticket, inv.invitation.id);
    if (!j.ok) throw new Error(j.reason);
    await b.submit(j, { provider: "partner" });
    const ana: ProvenIdentity = {
      providerId: "partner",
      issuer: "https://idp.partner.example",
      subject: "ana",
      email: "Ana@example.net",
      emailVerified: true,
    };
    await upstreamReturned(
      b.deps,
      { tenant: b.tenant, journeyId: j.id, binding: j.binding, client: "c", locale: "en" },
      { identity: ana },
    );
    expect((await b.h.journeys.find(j.id))!.state).toBe("collectAttributes");
    expect(await b.directory.findByIdentity("woodgrove", ana)).toBeNull();
    await b.submit(j, SIGN_UP_ATTRIBUTES);
    expect((await b.directory.findByIdentity("woodgrove", ana))?.id).toBe(inv.guest.id);
  });

  it("two journeys on one ticket: the second finds it redeemed and links nothing", async () => {
    const b = bed();
    const inv = await b.invite();
    const one = await b.start(inv.ticket, inv.invitation.id);
    const two = await b.start(inv.ticket, inv.invitation.id);
    if (!one.ok || !two.ok) throw new Error("not started");
    await b.submit(one, { provider: "email" });
    await b.submit(two, { provider: "email" });
    const codeOne = b.h.mailbox.at(-2)!.code;
    const codeTwo = b.h.mailbox.at(-1)!.code;
    await b.submit(one, { code: codeOne });
    await b.submit(two, { code: codeTwo });
    // Both proved the address; the ticket is still good for both until one completes.
    expect((await b.h.journeys.find(two.id))!.state).toBe("collectAttributes");
    await b.submit(one, SIGN_UP_ATTRIBUTES);
    await b.submit(two, SIGN_UP_ATTRIBUTES);
    expect((await b.h.journeys.find(one.id))!.state).toBe("completed");
    expect((await b.h.journeys.find(two.id))!.state).toBe("closed");
  });

  it("two redemptions completing at once with different identities: one links, the other is told it was accepted", async () => {
    const b = bed();
    const inv = await b.invite();
    const byCode = await b.start(inv.ticket, inv.invitation.id);
    const byPartner = await b.start(inv.ticket, inv.invitation.id);
    if (!byCode.ok || !byPartner.ok) throw new Error("not started");
    await b.submit(byCode, { provider: "email" });
    await b.submit(byCode, { code: b.h.mailbox.at(-1)!.code });
    await b.submit(byPartner, { provider: "partner" });
    const ana: ProvenIdentity = {
      providerId: "partner",
      issuer: "https://idp.partner.example",
      subject: "ana",
      email: "ana@example.net",
      emailVerified: true,
    };
    await upstreamReturned(
      b.deps,
      { tenant: b.tenant, journeyId: byPartner.id, binding: byPartner.binding, client: "c", locale: "en" },
      { identity: ana },
    );
    const outcomes = await Promise.all([b.submit(byCode, SIGN_UP_ATTRIBUTES), b.submit(byPartner, SIGN_UP_ATTRIBUTES)]);
    expect(outcomes.filter((outcome) => outcome.kind === "redirect")).toHaveLength(1);
    const states = await Promise.all([byCode, byPartner].map(async (j) => (await b.h.journeys.find(j.id))!.state));
    expect(states.sort()).toEqual(["closed", "completed"]);
    const byPasscode: ProvenIdentity = { ...ana, providerId: "email", issuer: EMAIL_OTP_ISSUER, subject: "ana@example.net" };
    const linked = await Promise.all([byPasscode, ana].map((identity) => b.directory.findByIdentity("woodgrove", identity)));
    expect(linked.filter((guest) => guest?.id === inv.guest.id)).toHaveLength(1);
    expect(linked.filter((guest) => guest === null)).toHaveLength(1);
  });

  it("a redemption abandoned at the attributes leaves the invitation redeemable, and one revoked meanwhile closes", async () => {
    const b = bed();
    const inv = await b.invite();
    const abandoned = await b.start(inv.ticket, inv.invitation.id);
    if (!abandoned.ok) throw new Error(abandoned.reason);
    await b.submit(abandoned, { provider: "email" });
    await b.submit(abandoned, { code: b.h.mailbox.at(-1)!.code });
    expect((await b.h.journeys.find(abandoned.id))!.state).toBe("collectAttributes");

    const again = await b.start(inv.ticket, inv.invitation.id);
    if (!again.ok) throw new Error(again.reason);
    await b.submit(again, { provider: "email" });
    await b.submit(again, { code: b.h.mailbox.at(-1)!.code });
    await b.invitations.revoke({ type: "system", name: "cli" }, "woodgrove", inv.invitation.id);
    await b.submit(again, SIGN_UP_ATTRIBUTES);
    expect(await b.h.journeys.find(again.id)).toMatchObject({ state: "closed" });
    expect(await b.directory.get({ type: "system", name: "t" }, "woodgrove", inv.guest.id)).toMatchObject({
      state: "pendingAcceptance",
    });
    const byPasscode: ProvenIdentity = {
      providerId: "email",
      issuer: EMAIL_OTP_ISSUER,
      subject: "ana@example.net",
      emailVerified: true,
    };
    expect(await b.directory.findByIdentity("woodgrove", byPasscode)).toBeNull();
  });
});
