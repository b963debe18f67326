// The sign-up rules for an upstream identity, whose e-mail is first seen when it comes back: a
// new identity of a refused domain ends on the "you cannot continue" page with the reason, an
// unverified e-mail cannot pass an allow-list, and an existing guest's identity still signs in.
import { describe, expect, it } from "vitest";
import type { ProvenIdentity } from "../../directory";
import { startJourney } from "../engine/lifecycle";
import { submitJourney, upstreamReturned } from "../engine/submit";
import { journeyHarness } from "../engine/test-harness";
import { demoFlow, tenant as demoTenant, WOODGROVE_SHOP } from "../user-flows/test-fixtures";
import { SIGN_UP_KIND } from "./kind";

const woodgrove = demoTenant("woodgrove");
const upstream = (email: string, emailVerified = true): ProvenIdentity => ({
  providerId: "contoso",
  issuer: "http://127.0.0.1:3901",
  subject: `sub-${email}`,
  email,
  emailVerified,
});

async function federate(protection: Partial<typeof woodgrove.signUpProtection>, identity: ProvenIdentity, existing = false) {
  const tenant = { ...woodgrove, signUpProtection: { ...woodgrove.signUpProtection, ...protection } };
  const h = journeyHarness(demoFlow("woodgrove"), { tenant });
  if (existing)
    await h.directory.signUp({
      tenantId: tenant.slug,
      identity,
      attributes: { displayName: "Rita", givenName: "Rita", surname: "Rival", country: "NL" },
      displayName: "Rita",
      userFlowName: "signup-signin",
      clientId: WOODGROVE_SHOP,
      correlationId: "test",
    });
  const started = await startJourney(h.deps, tenant, {
    kind: SIGN_UP_KIND,
    completion: { type: "interaction", interactionId: "interaction-1" },
    clientId: WOODGROVE_SHOP,
    locale: "en",
  });
  if (!started.ok) throw new Error("not started");
  const j = { journeyId: started.journey.id, binding: started.bindingNonce };
  await submitJourney(h.deps, { tenant, ...j, client: "x", locale: "en", input: { version: "0", provider: "contoso" } });
  const outcome = await upstreamReturned(h.deps, { tenant, ...j, client: "x", locale: "en" }, { identity });
  return { outcome, journey: await h.state(j.journeyId) };
}

describe("an upstream identity at sign-up", () => {
  it("is refused with the reason when its domain is denied", async () => {
    const { journey } = await federate({ blockedDomains: ["rival.example"] }, upstream("rita@rival.example"));
    expect(journey.state).toBe("refused");
    expect(journey.ui.messages).toEqual([{ id: "signUpProtection.refused.domainBlocked", context: { domain: "rival.example" } }]);
  });

  it("is refused when its mailbox is disposable, and cannot pass an allow-list with an unverified e-mail", async () => {
    expect((await federate({}, upstream("x@yopmail.com"))).journey.ui.messages[0]?.id).toBe(
      "signUpProtection.refused.disposable",
    );
    const unverified = await federate({ allowedDomains: ["partner.example"] }, upstream("p@partner.example", false));
    expect(unverified.journey.ui.messages[0]?.id).toBe("signUpProtection.refused.domainNotAllowed");
    expect((await federate({ allowedDomains: ["partner.example"] }, upstream("p@partner.example"))).journey.state).toBe(
      "collectAttributes",
    );
  });

  it("signs an existing guest of the denied domain in", async () => {
    const { outcome, journey } = await federate({ blockedDomains: ["rival.example"] }, upstream("rita@rival.example"), true);
    expect(journey.state).toBe("completed");
    expect(outcome.kind).toBe("redirect");
  });
});
