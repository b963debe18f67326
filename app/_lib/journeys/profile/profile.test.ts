import { describe, expect, it } from "vitest";
import { cancelJourney, loadJourney, startJourney } from "../engine";
import { journeyHarness, SIGN_UP_ATTRIBUTES } from "../engine/test-harness";
import { demoFlow, WOODGROVE_SHOP } from "../user-flows/test-fixtures";
import { PROFILE_KIND } from "./kind";

const flow = demoFlow("woodgrove");

/** A guest who signed up through the shop's flow, and the harness to edit their profile in. */
async function signedUpGuest() {
  const h = journeyHarness(flow);
  await h.submit(await h.throughPasscode("ann@example.com"), SIGN_UP_ATTRIBUTES);
  const guest = h.directory.all()[0]!;
  return { h, guest };
}

describe("the profile journey", () => {
  it("starts on the attribute form of the flow the guest signed up through, filled with what is stored", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id);
    expect(await h.state(j.id)).toMatchObject({
      kind: "profile",
      state: "editAttributes",
      clientId: WOODGROVE_SHOP,
      flowId: flow.name,
      completion: { type: "redirect", url: "/woodgrove/account" },
      internal: { guestId: guest.id },
      ui: { values: { givenName: "Ann", surname: "de Vries", country: "NL", dietaryPreference: "vegan" } },
    });
  });

  it("saves the change as the guest (audited), and returns to the tenant path it was given", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id, "/woodgrove/account?saved=1");
    const outcome = await h.submit(j, { ...SIGN_UP_ATTRIBUTES, displayName: "Ann Jansen", surname: "Jansen" }, guest.id);
    expect(outcome).toEqual({ kind: "redirect", to: "/woodgrove/account?saved=1", setCookies: [] });
    const saved = h.directory.all()[0]!;
    expect(saved.attributes).toMatchObject({ displayName: "Ann Jansen", surname: "Jansen", givenName: "Ann" });
    expect(saved.displayName).toBe("Ann Jansen");
    expect(h.directory.audit.at(-1)).toEqual({
      type: "guest.attributesUpdated",
      actorType: "guest",
      actorId: guest.id,
      guestId: guest.id,
      attributes: ["displayName", "givenName", "surname", "country", "dietaryPreference"],
      correlationId: j.id,
    });
    expect((await h.state(j.id)).state).toBe("completed");
    // a profile edit is no sign-in: the OpenID provider hears nothing
    expect(h.completions).toHaveLength(1);
  });

  it("deletes an optional value the guest emptied, instead of keeping the old one", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id);
    await h.submit(j, { ...SIGN_UP_ATTRIBUTES, dietaryPreference: "" }, guest.id);
    const saved = h.directory.all()[0]!;
    expect(saved.attributes).not.toHaveProperty("dietaryPreference");
    expect(saved.attributes).toMatchObject({ givenName: "Ann", country: "NL" });
    expect(h.directory.audit.at(-1)).toMatchObject({ actorType: "guest", actorId: guest.id, removed: ["dietaryPreference"] });
  });

  it("keeps the guest on the form, with errors, when the flow's rules are not met", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id);
    await h.submit(j, { ...SIGN_UP_ATTRIBUTES, givenName: "", country: "XX" }, guest.id);
    const journey = await h.state(j.id);
    expect(journey.state).toBe("editAttributes");
    expect(journey.ui.fieldErrors.givenName?.id).toBe("attributes.errors.required");
    expect(h.directory.all()[0]!.attributes.givenName).toBe("Ann");
  });

  it("acts only while the browser is signed in as that guest", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id);
    const change = { ...SIGN_UP_ATTRIBUTES, givenName: "Mallory" };
    expect(await h.submit(j, change)).toEqual({ kind: "signInRequired" });
    expect(await h.submit(j, change, "guest-someone-else")).toEqual({ kind: "signInRequired" });
    expect(h.directory.all()[0]!.attributes.givenName).toBe("Ann");
  });

  it("returns unchanged on cancel", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id);
    const outcome = await cancelJourney(h.deps, {
      tenant: h.tenant,
      journeyId: j.id,
      binding: j.binding,
      client: "x",
      locale: "en",
      signedInGuestId: guest.id,
    });
    expect(outcome).toEqual({ kind: "redirect", to: "/woodgrove/account" });
    expect(h.directory.audit.filter((e) => e.type === "guest.attributesUpdated")).toHaveLength(0);
  });

  it.each([
    "//evil.example/x",
    "https://evil.example/woodgrove",
    "/\\evil.example",
    "/sparbanken/account",
    "/woodgrovex",
    "account",
  ])("never redirects outside the tenant: %s is refused at the start", async (url) => {
    const { h, guest } = await signedUpGuest();
    const started = await startJourney(h.deps, h.tenant, {
      kind: PROFILE_KIND,
      completion: { type: "redirect", url },
      locale: "en",
      guestId: guest.id,
    });
    expect(started).toEqual({ ok: false, reason: "badCompletion" });
  });

  it("refuses a completion target the kind does not finish", async () => {
    const { h, guest } = await signedUpGuest();
    const started = await startJourney(h.deps, h.tenant, {
      kind: PROFILE_KIND,
      completion: { type: "interaction", interactionId: "interaction-1" },
      locale: "en",
      guestId: guest.id,
    });
    expect(started).toEqual({ ok: false, reason: "badCompletion" });
  });

  it("needs a signed-in guest, and one that signed up through a flow", async () => {
    const { h } = await signedUpGuest();
    const start = (guestId?: string) =>
      startJourney(h.deps, h.tenant, {
        kind: PROFILE_KIND,
        completion: { type: "redirect", url: "/woodgrove/account" },
        locale: "en",
        ...(guestId ? { guestId } : {}),
      });
    expect(await start()).toEqual({ ok: false, reason: "signInRequired" });
    expect(await start("guest-404")).toEqual({ ok: false, reason: "signInRequired" });
  });

  it("refuses a blocked guest before the form", async () => {
    const { h, guest } = await signedUpGuest();
    h.directory.block(guest.id);
    const j = await h.startProfile(guest.id);
    expect(await h.state(j.id)).toMatchObject({ state: "refused", ui: { messages: [{ id: "account.profile.notActive" }] } });
  });

  it("is replaced when it expired, for the guest signed in now, keeping the return path", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id, "/woodgrove/account?from=mail");
    h.advanceClock(31 * 60 * 1000);
    expect(await h.submit(j, SIGN_UP_ATTRIBUTES)).toEqual({ kind: "signInRequired" });
    const outcome = await h.submit(j, SIGN_UP_ATTRIBUTES, guest.id);
    expect(outcome.kind).toBe("show");
    if (outcome.kind !== "show") return;
    expect(await h.state(outcome.journeyId)).toMatchObject({
      kind: "profile",
      state: "editAttributes",
      completion: { type: "redirect", url: "/woodgrove/account?from=mail" },
      internal: { guestId: guest.id },
      ui: { messages: [{ id: "journey.errors.expired" }] },
    });
  });

  it("is picked by the stored kind: a journey of a kind this deployment does not run is not found", async () => {
    const { h, guest } = await signedUpGuest();
    const j = await h.startProfile(guest.id);
    const stored = (await h.journeys.find(j.id))!;
    await h.journeys.create({ ...stored, id: `${j.id}x`, kind: "invitation" });
    await h.journeys.create({ ...stored, id: `${j.id}y`, state: "chooseProvider" });
    expect(await loadJourney(h.deps, "woodgrove", j.id, j.binding)).toMatchObject({ kind: "journey" });
    expect(await loadJourney(h.deps, "woodgrove", `${j.id}x`, j.binding)).toEqual({ kind: "notFound" });
    // a state of another kind's machine does not pass either
    expect(await loadJourney(h.deps, "woodgrove", `${j.id}y`, j.binding)).toEqual({ kind: "notFound" });
  });
});
