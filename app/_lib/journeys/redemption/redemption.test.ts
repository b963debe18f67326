import { describe, expect, it } from "vitest";
import { createDirectoryService, createMemoryDirectoryStore, type ProvenIdentity } from "../../directory";
import { createInvitationService, createMemoryInvitationStore } from "../../invitations";
import { startJourney, submitJourney, upstreamReturned } from "../engine";
import { journeyHarness, SIGN_UP_ATTRIBUTES } from "../engine/test-harness";
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
    const done = await b.submit(j, SIGN_UP_ATTRIBUTES);
    expect(done).toMatchObject({ kind: "redirect", to: `/woodgrove/invite/continue/${inv.invitation.id}` });
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
    expect((await b.h.journeys.find(two.id))!.state).toBe("closed");
  });
});
