import { createHash, randomBytes } from "node:crypto";
import type { Tenant } from "../../tenant";
import { defaultJourneyKinds } from "../kinds";
import { createInMemoryOtpRepository, createInMemoryRateLimitStore, createPasscodeService, type PasscodeDelivery } from "../otp";
import { PROFILE_KIND } from "../profile/kind";
import { SIGN_UP_KIND } from "../signup/kind";
import { tenant as demoTenant, WOODGROVE_SHOP } from "../user-flows/test-fixtures";
import type { UserFlow } from "../user-flows/types";
import type { JourneyHooks } from "./hooks";
import { startJourney } from "./lifecycle";
import { createMemoryDirectory, createMemoryJourneyRepository } from "./memory";
import { submitJourney } from "./submit";
import type { JourneyDeps } from "./types";

/**
 * Journeys over in-memory stores with every kind registered: a clock the test moves, a mailbox it
 * reads, an OpenID provider that records completions, and hooks the test registers.
 */
export function journeyHarness(flow: UserFlow, options: { tenant?: Tenant; hooks?: JourneyHooks } = {}) {
  const tenant = options.tenant ?? demoTenant("woodgrove");
  let now = new Date("2026-05-04T09:00:00Z");
  const mailbox: PasscodeDelivery[] = [];
  const completions: { interactionId: string; guestId: string }[] = [];
  const journeys = createMemoryJourneyRepository();
  const directory = createMemoryDirectory();
  const alive = new Set<string>(["interaction-1"]);
  const aborted: string[] = [];
  const hooks: { -readonly [P in keyof JourneyHooks]: JourneyHooks[P] } = { ...options.hooks };
  const deps: JourneyDeps = {
    journeys,
    kinds: defaultJourneyKinds(),
    directory,
    hooks,
    passcodes: createPasscodeService({
      repository: createInMemoryOtpRepository(),
      rateLimits: createInMemoryRateLimitStore(),
      hashKey: randomBytes(32),
      now: () => now,
    }),
    sendPasscode: async (_tenant, _locale, delivery) => void mailbox.push(delivery),
    flowFor: async (_tenant, clientId) => (flow.applications.includes(clientId) ? flow : undefined),
    signIn: {
      complete: async (_journey, interactionId, guestId) => {
        completions.push({ interactionId, guestId });
        return { redirectTo: `https://rp.example/resume/${interactionId}`, setCookies: ["op_session=1"] };
      },
      abort: async (_journey, interactionId) => {
        aborted.push(interactionId);
        alive.delete(interactionId);
        return { redirectTo: `https://rp.example/resume/${interactionId}` };
      },
      startSession: async (_journey, guestId) => [`op_session=${guestId}`],
      expiresAt: async (_tenant, id) => (alive.has(id) ? new Date(now.getTime() + 60 * 60 * 1000) : undefined),
    },
    availableProviders: (t) => t.identityProviders.map((p) => p.id),
    secureCookies: false,
    now: () => now,
    randomToken: () => randomBytes(24).toString("base64url"),
    sha256: (value) => createHash("sha256").update(value).digest("base64url"),
  };
  type Handle = { id: string; binding: string };
  const start = async (clientId = WOODGROVE_SHOP): Promise<Handle> => {
    const started = await startJourney(deps, tenant, {
      kind: SIGN_UP_KIND,
      completion: { type: "interaction", interactionId: "interaction-1" },
      clientId,
      locale: "nl",
    });
    if (!started.ok) throw new Error(started.reason);
    return { id: started.journey.id, binding: started.bindingNonce };
  };
  const startProfile = async (guestId: string, url = `/${tenant.slug}/account`): Promise<Handle> => {
    const started = await startJourney(deps, tenant, {
      kind: PROFILE_KIND,
      completion: { type: "redirect", url },
      locale: "en",
      guestId,
    });
    if (!started.ok) throw new Error(started.reason);
    return { id: started.journey.id, binding: started.bindingNonce };
  };
  const version = async (id: string) => String((await journeys.find(id))!.version);
  const submit = async (j: Handle, input: Record<string, string | string[]>, signedInGuestId?: string) =>
    submitJourney(deps, {
      tenant,
      journeyId: j.id,
      binding: j.binding,
      client: "203.0.113.9",
      locale: "nl",
      input: { version: await version(j.id), ...input },
      signedInGuestId,
    });
  const state = async (id: string) => (await journeys.find(id))!;
  const advanceClock = (ms: number) => (now = new Date(now.getTime() + ms));
  /** From the choice through a correct passcode: the journey is wherever the code led. */
  const throughPasscode = async (email = "Ann@Example.com") => {
    const j = await start();
    // A flow with more than the passcode opens on the choice; one with only the passcode skips it.
    if ((await state(j.id)).state === "chooseProvider") await submit(j, { provider: "email" });
    await submit(j, { email });
    await submit(j, { code: mailbox.at(-1)!.code });
    return j;
  };
  return {
    tenant,
    deps,
    journeys,
    directory,
    hooks,
    mailbox,
    completions,
    aborted,
    alive,
    start,
    startProfile,
    submit,
    state,
    advanceClock,
    throughPasscode,
  };
}

export const SIGN_UP_ATTRIBUTES = {
  displayName: "Ann de Vries",
  givenName: "Ann",
  surname: "de Vries",
  country: "nl",
  dietaryPreference: "vegan",
};
