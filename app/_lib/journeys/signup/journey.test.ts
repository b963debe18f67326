import { beforeEach, describe, expect, it } from "vitest";
import { builtInAttribute } from "../../directory";
import { startJourney } from "../engine/lifecycle";
import { cancelJourney, submitJourney, upstreamReturned } from "../engine/submit";
import { journeyHarness, SIGN_UP_ATTRIBUTES as attributes } from "../engine/test-harness";
import { demoFlow, tenant, WOODGROVE_SHOP } from "../user-flows/test-fixtures";
import type { UserFlow } from "../user-flows/types";
import { EMAIL_OTP_ISSUER } from "./identify";
import { SIGN_UP_KIND } from "./kind";

const woodgrove = tenant("woodgrove");
const harness = (flow: UserFlow = demoFlow("woodgrove")) => journeyHarness(flow);
const woodgroveWithGoogle = {
  ...woodgrove,
  identityProviders: [
    ...woodgrove.identityProviders,
    { kind: "google" as const, id: "google", clientId: "x", clientSecretEnv: "G" },
  ],
};
/** A flow whose only way in is the passcode (the demo flows also offer the demo's Contoso ID). */
const passcodeOnly = () => harness({ ...demoFlow("woodgrove"), identityProviders: ["email"] });
/** A flow with two ways in (passcode and Google): it opens on the choice. */
const withChoice = (providers = ["email", "google"]) =>
  journeyHarness({ ...demoFlow("woodgrove"), identityProviders: providers }, { tenant: woodgroveWithGoogle });

describe("sign-up journey with an e-mail passcode", () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  const throughPasscode = (email?: string) => h.throughPasscode(email);

  it("creates one guest with the attributes and completes the authorization request", async () => {
    const j = await throughPasscode();
    expect((await h.state(j.id)).state).toBe("collectAttributes");
    const outcome = await h.submit(j, { ...attributes, userType: "Member", email: "evil@example.com", email_verified: "true" });
    expect(outcome).toEqual({ kind: "redirect", to: "https://rp.example/resume/interaction-1", setCookies: ["op_session=1"] });
    const [guest] = h.directory.all();
    expect(guest).toMatchObject({
      userType: "Guest",
      email: "ann@example.com",
      emailVerified: true,
      displayName: "Ann de Vries",
    });
    expect(guest!.attributes).toEqual({
      displayName: "Ann de Vries",
      givenName: "Ann",
      surname: "de Vries",
      country: "NL",
      dietaryPreference: "vegan",
    });
    expect(h.completions).toEqual([{ interactionId: "interaction-1", guestId: guest!.id }]);
    expect((await h.state(j.id)).state).toBe("completed");
  });

  it("keeps the person on the attribute page with errors next to the fields", async () => {
    const j = await throughPasscode();
    await h.submit(j, { ...attributes, givenName: "", country: "XX" });
    const journey = await h.state(j.id);
    expect(journey.state).toBe("collectAttributes");
    expect(journey.ui.fieldErrors.givenName?.id).toBe("attributes.errors.required");
    expect(journey.ui.fieldErrors.country?.id).toMatch(/^attributes\.errors\./);
    expect(journey.ui.values.surname).toBe("de Vries");
    expect(h.directory.all()).toHaveLength(0);
  });

  it("runs a step once when the same form is submitted twice (double submit, two tabs)", async () => {
    const j = await throughPasscode();
    // the same form (same version) posted twice at once
    const input = { version: String((await h.state(j.id)).version), ...attributes };
    const both = await Promise.all(
      [1, 2].map(() =>
        submitJourney(h.deps, { tenant: woodgrove, journeyId: j.id, binding: j.binding, client: "x", locale: "nl", input }),
      ),
    );
    expect(both.filter((o) => o.kind === "redirect")).toHaveLength(1);
    expect(h.directory.all()).toHaveLength(1);
    expect(h.completions).toHaveLength(1);
  });

  it("signs a returning guest straight in, and asks only for a required attribute the flow gained", async () => {
    const j1 = await throughPasscode();
    await h.submit(j1, attributes);

    const second = await throughPasscode("ann@example.com");
    expect((await h.state(second.id)).state).toBe("completed");
    expect(h.completions).toHaveLength(2);
    expect(h.directory.all()).toHaveLength(1);

    const grown = demoFlow("woodgrove");
    const withJobTitle: UserFlow = {
      ...grown,
      attributes: [...grown.attributes, { definition: builtInAttribute("jobTitle"), required: true }],
    };
    const h2 = harness(withJobTitle);
    // same directory: the guest signed up before the flow gained jobTitle
    h2.deps.directory = h.directory;
    const j3 = await h2.start();
    await h2.submit(j3, { provider: "email" });
    await h2.submit(j3, { email: "ann@example.com" });
    await h2.submit(j3, { code: h2.mailbox.at(-1)!.code });
    const asked = await h2.state(j3.id);
    expect(asked.state).toBe("collectAttributes");
    expect(asked.ui.attributes).toEqual(["jobTitle"]);
  });

  it("stops a blocked guest before any token", async () => {
    const j1 = await throughPasscode();
    await h.submit(j1, attributes);
    h.directory.block(h.directory.all()[0]!.id);
    const j2 = await throughPasscode("ann@example.com");
    expect((await h.state(j2.id)).state).toBe("blocked");
    expect(h.completions).toHaveLength(1);
  });

  it("keys the passcode identity by the proven address, never by a typed one", async () => {
    const j = await throughPasscode("ann@example.com");
    expect((await h.state(j.id)).internal.identity).toMatchObject({
      issuer: EMAIL_OTP_ISSUER,
      subject: "ann@example.com",
      emailVerified: true,
    });
  });
});

describe("a single way in", () => {
  it("opens on the address page when the passcode is the flow's only way in (no choice page)", async () => {
    const h = passcodeOnly();
    const j = await h.start();
    expect(await h.state(j.id)).toMatchObject({ state: "enterEmail", internal: { federatingWith: "email" } });
  });

  it("opens on the upstream provider when it is the only one, and on the choice when there are two", async () => {
    const only = withChoice(["google"]);
    const j = await only.start();
    expect(await only.state(j.id)).toMatchObject({ state: "federating", internal: { federatingWith: "google" } });
    const two = withChoice();
    expect((await two.state((await two.start()).id)).state).toBe("chooseProvider");
  });

  it("goes back from the code to the address page with the address typed before", async () => {
    const h = passcodeOnly();
    const j = await h.start();
    await h.submit(j, { email: "ann@example.com" });
    await h.submit(j, { action: "changeEmail" });
    expect(await h.state(j.id)).toMatchObject({ state: "enterEmail", ui: { values: { email: "ann@example.com" } } });
  });

  it("takes a new address on the code step (the address page reached by the browser's Back) and sends a code there", async () => {
    const h = passcodeOnly();
    const j = await h.start();
    await h.submit(j, { email: "ann@example.com" });
    expect(await h.submit(j, { email: "bob@example.com" })).toEqual({ kind: "show", journeyId: j.id, state: "enterCode" });
    expect(await h.state(j.id)).toMatchObject({ state: "enterCode", ui: { email: "bob@example.com" } });
    expect(h.mailbox.at(-1)).toMatchObject({ to: "bob@example.com" });
    await h.submit(j, { code: h.mailbox.at(-1)!.code });
    expect((await h.state(j.id)).internal.identity).toMatchObject({ subject: "bob@example.com" });
  });

  it("goes back to the address step with the message when the new address is refused", async () => {
    const h = passcodeOnly();
    const j = await h.start();
    await h.submit(j, { email: "ann@example.com" });
    expect(await h.submit(j, { email: "not an address" })).toEqual({ kind: "show", journeyId: j.id, state: "enterEmail" });
    expect(await h.state(j.id)).toMatchObject({
      state: "enterEmail",
      ui: { fieldErrors: { email: { id: "otp.errors.invalidEmail" } }, values: { email: "not an address" } },
    });
  });
});

describe("journey rules", () => {
  it("answers only the browser that started it", async () => {
    const h = withChoice();
    const j = await h.start();
    expect(await h.submit({ id: j.id, binding: "someone-else" }, { provider: "email" })).toEqual({ kind: "forbidden" });
    expect((await h.state(j.id)).state).toBe("chooseProvider");
  });

  it("ignores a form from an earlier version", async () => {
    const h = harness();
    const j = await h.start();
    await h.submit(j, { provider: "email" });
    const stale = await submitJourney(h.deps, {
      tenant: woodgrove,
      journeyId: j.id,
      binding: j.binding,
      client: "x",
      locale: "nl",
      input: { version: "0", provider: "email" },
    });
    expect(stale).toEqual({ kind: "show", journeyId: j.id, state: "enterEmail" });
    expect((await h.state(j.id)).state).toBe("enterEmail");
  });

  it("refuses a provider the flow does not offer", async () => {
    const h = withChoice();
    const j = await h.start();
    await h.submit(j, { provider: "facebook" });
    const journey = await h.state(j.id);
    expect(journey.state).toBe("chooseProvider");
    expect(journey.ui.messages).toEqual([{ id: "journey.errors.chooseProvider" }]);
  });

  it("replaces an expired journey, keeping the authorization request and saying why", async () => {
    const h = withChoice();
    const j = await h.start();
    h.advanceClock(31 * 60 * 1000);
    const outcome = await h.submit(j, { provider: "email" });
    expect(outcome.kind).toBe("show");
    if (outcome.kind !== "show") return;
    expect(outcome.journeyId).not.toBe(j.id);
    expect(outcome.binding).toMatchObject({ tenantId: "woodgrove", journeyId: outcome.journeyId, maxAgeSeconds: 30 * 60 });
    const replacement = await h.state(outcome.journeyId);
    expect(replacement).toMatchObject({
      kind: "signup",
      state: "chooseProvider",
      completion: { type: "interaction", interactionId: "interaction-1" },
      ui: { messages: [{ id: "journey.errors.expired" }] },
    });
  });

  it("lets the person return to the application without signing in: the request ends with access_denied", async () => {
    const h = harness();
    const j = await h.start();
    const outcome = await cancelJourney(h.deps, {
      tenant: woodgrove,
      journeyId: j.id,
      binding: j.binding,
      client: "x",
      locale: "nl",
    });
    expect(outcome).toEqual({ kind: "redirect", to: "https://rp.example/resume/interaction-1" });
    expect(h.aborted).toEqual(["interaction-1"]);
    expect(
      await cancelJourney(h.deps, { tenant: woodgrove, journeyId: j.id, binding: "other", client: "x", locale: "nl" }),
    ).toEqual({ kind: "forbidden" });
    expect(
      await cancelJourney(h.deps, { tenant: woodgrove, journeyId: j.id, binding: j.binding, client: "x", locale: "nl" }),
    ).toEqual({ kind: "gone" });
  });

  it("creates no guest for an authorization request nobody waits for any more", async () => {
    const h = harness();
    const j = await h.start();
    await h.submit(j, { provider: "email" });
    await h.submit(j, { email: "ann@example.com" });
    await h.submit(j, { code: h.mailbox.at(-1)!.code });
    await cancelJourney(h.deps, { tenant: woodgrove, journeyId: j.id, binding: j.binding, client: "x", locale: "nl" });
    expect(await h.submit(j, attributes)).toEqual({ kind: "gone" });
    expect(h.directory.all()).toHaveLength(0);
    expect(h.completions).toHaveLength(0);
  });

  it("never outlives the authorization request it would complete", async () => {
    const h = harness();
    const notAfter = new Date("2026-05-04T09:10:00Z");
    const started = await startJourney(h.deps, woodgrove, {
      kind: SIGN_UP_KIND,
      completion: { type: "interaction", interactionId: "interaction-1" },
      clientId: WOODGROVE_SHOP,
      locale: "nl",
      notAfter,
    });
    expect(started.ok && started.journey.expiresAt).toEqual(notAfter);
  });

  it("says the journey is gone when the authorization request expired too", async () => {
    const h = harness();
    const j = await h.start();
    h.alive.clear();
    h.advanceClock(31 * 60 * 1000);
    expect(await h.submit(j, {})).toEqual({ kind: "gone" });
  });

  it("returns to the choice with a message when the upstream provider fails", async () => {
    const flow = { ...demoFlow("woodgrove"), identityProviders: ["email", "google"] };
    const h = harness(flow);
    const tenantWithGoogle = {
      ...woodgrove,
      identityProviders: [
        ...woodgrove.identityProviders,
        { kind: "google" as const, id: "google", clientId: "x", clientSecretEnv: "G" },
      ],
    };
    const started = await startJourney(h.deps, tenantWithGoogle, {
      kind: SIGN_UP_KIND,
      completion: { type: "interaction", interactionId: "interaction-1" },
      clientId: WOODGROVE_SHOP,
      locale: "en",
    });
    if (!started.ok) throw new Error();
    const j = { id: started.journey.id, binding: started.bindingNonce };
    const federate = await submitJourney(h.deps, {
      tenant: tenantWithGoogle,
      journeyId: j.id,
      binding: j.binding,
      client: "x",
      locale: "nl",
      input: { version: "0", provider: "google" },
    });
    expect(federate).toEqual({ kind: "federate", journeyId: j.id, providerId: "google" });
    await upstreamReturned(
      h.deps,
      { tenant: tenantWithGoogle, journeyId: j.id, binding: j.binding, client: "x", locale: "en" },
      { failure: "cancelled" },
    );
    const journey = await h.state(j.id);
    expect(journey.state).toBe("chooseProvider");
    expect(journey.ui.messages).toEqual([{ id: "journey.errors.upstream.cancelled" }]);
  });
});
