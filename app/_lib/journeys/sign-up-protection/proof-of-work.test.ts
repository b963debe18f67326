// The challenge's own checks, beside the journey-level tests (tests/integration/journeys/
// proof-of-work.test.ts): a solution is tied to the tenant's key, and a changed challenge fails.
import { randomBytes } from "node:crypto";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { describe, expect, it } from "vitest";
import { tenant as demoTenant } from "../user-flows/test-fixtures";
import { createInMemoryRateLimitStore } from "../otp";
import { createProofOfWork } from "./proof-of-work";

const woodgrove = demoTenant("woodgrove");
const cheap = {
  ...woodgrove,
  signUpProtection: {
    ...woodgrove.signUpProtection,
    proofOfWork: { ...woodgrove.signUpProtection.proofOfWork, cost: 1, maxTries: 20 },
  },
};
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

async function solvedPayload(challengeJson: string) {
  const challenge = JSON.parse(challengeJson) as Challenge;
  return { challenge, solution: (await solveChallenge({ challenge, deriveKey }))! };
}

describe("createProofOfWork", () => {
  const pow = createProofOfWork({ secret: randomBytes(32), store: createInMemoryRateLimitStore() });

  it("binds the challenge to the journey and step in its signed data, with the tenant's cost", async () => {
    const challenge = JSON.parse(await pow.challenge(cheap, "journey-1", "signUp")) as Challenge;
    expect(challenge.parameters).toMatchObject({
      algorithm: "PBKDF2/SHA-256",
      cost: 1,
      data: { journey: "journey-1", step: "signUp" },
    });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a solution whose challenge was changed (another journey written in), or signed for another tenant", async () => {
    const { challenge, solution } = await solvedPayload(await pow.challenge(cheap, "journey-1", "passcode"));
    const changed = { ...challenge, parameters: { ...challenge.parameters, data: { journey: "journey-2", step: "passcode" } } };
    expect(await pow.verify(cheap, "journey-2", "passcode", encode({ challenge: changed, solution }))).toEqual({
      ok: false,
      reason: "invalid",
    });
    const other = { ...cheap, id: "0f6c2b9e-8a47-4d3c-b1e5-7a9d2c4f6e80" };
    expect(await pow.verify(other, "journey-1", "passcode", encode({ challenge, solution }))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await pow.verify(cheap, "journey-1", "passcode", encode({ challenge, solution }))).toEqual({ ok: true });
  });

  it("refuses what the widget sends in its test mode, and what is not a payload at all", async () => {
    expect(await pow.verify(cheap, "j", "passcode", encode({ challenge: null, solution: null, test: true }))).toMatchObject({
      reason: "invalid",
    });
    expect(await pow.verify(cheap, "j", "passcode", "%%%")).toMatchObject({ reason: "invalid" });
    expect(await pow.verify(cheap, "j", "passcode", "")).toMatchObject({ reason: "missing" });
  });
});
