import { describe, expect, it } from "vitest";
import { demoFlow, WOODGROVE_SHOP } from "../user-flows/test-fixtures";
import type { HookContext, HookDecision, HookInputs, HookPoint, JourneyHooks } from "./hooks";
import { journeyHarness, SIGN_UP_ATTRIBUTES } from "./test-harness";

type Call = { point: HookPoint; input: unknown; context: HookContext };

/** Hooks at every point that record what they saw (and, per point, what they decide). */
function recording(decide: { [P in HookPoint]?: (input: HookInputs[P]) => HookDecision<P> } = {}) {
  const calls: Call[] = [];
  const hook =
    <P extends HookPoint>(point: P) =>
    async (input: HookInputs[P], context: HookContext): Promise<HookDecision<P>> => {
      calls.push({ point, input: structuredClone(input), context });
      return decide[point]?.(input) ?? { action: "continue" };
    };
  const hooks: JourneyHooks = {
    afterIdentityProof: [hook("afterIdentityProof")],
    onAttributeCollectionStart: [hook("onAttributeCollectionStart")],
    onAttributeSubmit: [hook("onAttributeSubmit")],
    beforeGuestWritten: [hook("beforeGuestWritten")],
    afterGuestWritten: [hook("afterGuestWritten")],
  };
  return { calls, hooks, points: () => calls.map((call) => call.point) };
}

const flow = demoFlow("woodgrove");

describe("hook points of the sign-up journey", () => {
  it("run in order, each at its moment and with its data", async () => {
    const r = recording();
    const h = journeyHarness(flow, { hooks: r.hooks });
    const j = await h.throughPasscode("ann@example.com");
    // the passcode proved the address: the identity is known, no guest yet, and the form is about to show
    expect(r.points()).toEqual(["afterIdentityProof", "onAttributeCollectionStart"]);
    const [proof, start] = r.calls;
    expect(proof!.input).toMatchObject({ identity: { subject: "ann@example.com", emailVerified: true }, guest: null });
    expect(proof!.context).toEqual({
      point: "afterIdentityProof",
      tenantId: "woodgrove",
      journeyId: j.id,
      kind: "signup",
      clientId: WOODGROVE_SHOP,
      flowName: flow.name,
      locale: "nl",
      // The person's address, which custom authentication extensions send as client.ip.
      client: "203.0.113.9",
    });
    expect(start!.input).toMatchObject({ guest: null, attributes: [], prefill: {} });
    expect(h.directory.all()).toHaveLength(0);

    await h.submit(j, SIGN_UP_ATTRIBUTES);
    expect(r.points()).toEqual([
      "afterIdentityProof",
      "onAttributeCollectionStart",
      "onAttributeSubmit",
      "beforeGuestWritten",
      "afterGuestWritten",
    ]);
    const [, , submit, before, after] = r.calls;
    expect(submit!.input).toMatchObject({ guest: null, values: { givenName: "Ann", country: "NL" } });
    expect(before!.input).toMatchObject({
      guest: null,
      attributes: { givenName: "Ann" },
      identity: { subject: "ann@example.com" },
    });
    const [guest] = h.directory.all();
    expect(after!.input).toEqual({ guest, created: true });
    expect(h.completions).toHaveLength(1);
  });

  it("runs afterIdentityProof for a returning guest with that guest, and nothing about writing when nothing is written", async () => {
    const h = journeyHarness(flow);
    await h.submit(await h.throughPasscode(), SIGN_UP_ATTRIBUTES);
    const r = recording();
    Object.assign(h.hooks, r.hooks);
    await h.throughPasscode();
    expect(r.points()).toEqual(["afterIdentityProof"]);
    expect(r.calls[0]!.input).toMatchObject({ guest: { id: h.directory.all()[0]!.id } });
    expect(h.completions).toHaveLength(2);
  });

  it("blocks after the identity proof: the journey ends refused with the hook's message, no guest", async () => {
    const r = recording({ afterIdentityProof: () => ({ action: "block", message: { id: "journey.blocked.body" } }) });
    const h = journeyHarness(flow, { hooks: r.hooks });
    const j = await h.throughPasscode();
    expect(await h.state(j.id)).toMatchObject({ state: "refused", ui: { messages: [{ id: "journey.blocked.body" }] } });
    expect(r.points()).toEqual(["afterIdentityProof"]);
    expect(h.directory.all()).toHaveLength(0);
    expect(h.completions).toHaveLength(0);
  });

  it("lets onAttributeCollectionStart prefill the form, only with attributes the flow collects", async () => {
    const r = recording({
      onAttributeCollectionStart: () => ({ action: "modify", prefill: { givenName: "Anna", userType: "Member" } }),
    });
    const h = journeyHarness(flow, { hooks: r.hooks });
    const j = await h.throughPasscode();
    expect((await h.state(j.id)).ui.values).toEqual({ givenName: "Anna" });
  });

  it("keeps the person on the form with the message when onAttributeSubmit blocks", async () => {
    const r = recording({ onAttributeSubmit: () => ({ action: "block", message: { id: "journey.attributes.fixErrors" } }) });
    const h = journeyHarness(flow, { hooks: r.hooks });
    const j = await h.throughPasscode();
    await h.submit(j, SIGN_UP_ATTRIBUTES);
    const journey = await h.state(j.id);
    expect(journey).toMatchObject({ state: "collectAttributes", ui: { messages: [{ id: "journey.attributes.fixErrors" }] } });
    expect(journey.ui.values.givenName).toBe("Ann");
    expect(h.directory.all()).toHaveLength(0);
    expect(r.points()).not.toContain("beforeGuestWritten");
  });

  it("writes what onAttributeSubmit and beforeGuestWritten change, and never a value the flow does not collect", async () => {
    const r = recording({
      onAttributeSubmit: () => ({ action: "modify", attributes: { dietaryPreference: "vegetarian", userType: "Member" } }),
      beforeGuestWritten: (input) => ({
        action: "modify",
        attributes: { displayName: `${input.attributes.givenName} (checked)` },
      }),
    });
    const h = journeyHarness(flow, { hooks: r.hooks });
    await h.submit(await h.throughPasscode(), SIGN_UP_ATTRIBUTES);
    const [guest] = h.directory.all();
    expect(guest!.attributes).toMatchObject({ dietaryPreference: "vegetarian", displayName: "Ann (checked)" });
    expect(guest!.attributes).not.toHaveProperty("userType");
    expect(guest!.userType).toBe("Guest");
    expect(guest!.displayName).toBe("Ann (checked)");
    // each hook saw the values as changed by the one before
    expect(r.calls.find((c) => c.point === "beforeGuestWritten")!.input).toMatchObject({
      attributes: { dietaryPreference: "vegetarian" },
    });
  });

  it("creates no guest when beforeGuestWritten blocks, and completes nothing when afterGuestWritten blocks", async () => {
    const before = journeyHarness(flow, {
      hooks: recording({ beforeGuestWritten: () => ({ action: "block", message: { id: "journey.errors.generic" } }) }).hooks,
    });
    const j = await before.throughPasscode();
    await before.submit(j, SIGN_UP_ATTRIBUTES);
    expect(await before.state(j.id)).toMatchObject({ state: "refused", ui: { messages: [{ id: "journey.errors.generic" }] } });
    expect(before.directory.all()).toHaveLength(0);
    expect(before.completions).toHaveLength(0);

    const after = journeyHarness(flow, {
      hooks: recording({ afterGuestWritten: () => ({ action: "block", message: { id: "journey.errors.expired" } }) }).hooks,
    });
    const j2 = await after.throughPasscode();
    await after.submit(j2, SIGN_UP_ATTRIBUTES);
    expect((await after.state(j2.id)).state).toBe("refused");
    expect(after.directory.all()).toHaveLength(1);
    expect(after.completions).toHaveLength(0);
  });

  it("runs the hooks of one point in order, stopping at the first block", async () => {
    const seen: string[] = [];
    const h = journeyHarness(flow, {
      hooks: {
        afterIdentityProof: [
          async () => (seen.push("first"), { action: "continue" }),
          async () => (seen.push("second"), { action: "block", message: { id: "journey.status.goneBody" } }),
          async () => (seen.push("third"), { action: "continue" }),
        ],
      },
    });
    await h.throughPasscode();
    expect(seen).toEqual(["first", "second"]);
  });
});

describe("hook points of the profile journey", () => {
  async function signedUp(hooks: JourneyHooks = {}) {
    const h = journeyHarness(flow);
    await h.submit(await h.throughPasscode(), SIGN_UP_ATTRIBUTES);
    const guest = h.directory.all()[0]!;
    Object.assign(h.hooks, hooks);
    return { h, guest };
  }

  it("run at the start (proof by the session, collection start) and at the save (submit, before, after)", async () => {
    const r = recording();
    const { h, guest } = await signedUp(r.hooks);
    const j = await h.startProfile(guest.id);
    expect(r.points()).toEqual(["afterIdentityProof", "onAttributeCollectionStart"]);
    expect(r.calls[0]!.input).toEqual({ guest });
    expect(r.calls[0]!.context.kind).toBe("profile");
    expect(r.calls[1]!.input).toMatchObject({ guest: { id: guest.id }, prefill: { givenName: "Ann", country: "NL" } });

    await h.submit(j, { ...SIGN_UP_ATTRIBUTES, givenName: "Anne" }, guest.id);
    expect(r.points().slice(2)).toEqual(["onAttributeSubmit", "beforeGuestWritten", "afterGuestWritten"]);
    expect(r.calls[3]!.input).toMatchObject({
      guest: { id: guest.id, attributes: { givenName: "Ann" } },
      attributes: { givenName: "Anne" },
    });
    expect(r.calls[4]!.input).toMatchObject({ created: false, guest: { attributes: { givenName: "Anne" } } });
  });

  it("refuses at the start when a hook blocks, and changes nothing", async () => {
    const { h, guest } = await signedUp(
      recording({ onAttributeCollectionStart: () => ({ action: "block", message: { id: "journey.status.forbiddenBody" } }) })
        .hooks,
    );
    const j = await h.startProfile(guest.id);
    expect(await h.state(j.id)).toMatchObject({ state: "refused", ui: { messages: [{ id: "journey.status.forbiddenBody" }] } });
    expect(await h.submit(j, { ...SIGN_UP_ATTRIBUTES, givenName: "Anne" }, guest.id)).toEqual({
      kind: "show",
      journeyId: j.id,
      state: "refused",
    });
    expect(h.directory.all()[0]!.attributes.givenName).toBe("Ann");
  });
});
