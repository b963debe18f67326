import { describe, expect, it } from "vitest";
import { decodeOutcome, encodeOutcome } from "./result-token";
import type { UpstreamOutcome } from "./types";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const outcome: UpstreamOutcome = {
  ok: true,
  identity: {
    providerId: "google",
    kind: "google",
    issuer: "https://accounts.google.com",
    subject: "1",
    emailVerified: true,
    email: "a@example.com",
  },
};

describe("the carried result (Auth.js's encrypted JWT)", () => {
  it("round-trips an identity and a failure", async () => {
    const name = "guestgate.woodgrove.federation.result";
    expect(await decodeOutcome(await encodeOutcome(outcome, secret, name), secret, name)).toEqual(outcome);
    const failure: UpstreamOutcome = { ok: false, reason: "cancelled", providerId: "google" };
    expect(await decodeOutcome(await encodeOutcome(failure, secret, name), secret, name)).toEqual(failure);
  });

  it("does not open under another tenant's cookie name, another secret, or when tampered with", async () => {
    const token = await encodeOutcome(outcome, secret, "guestgate.woodgrove.federation.result");
    expect(await decodeOutcome(token, secret, "guestgate.sparbanken.federation.result")).toBeUndefined();
    expect(await decodeOutcome(token, `${secret}x`, "guestgate.woodgrove.federation.result")).toBeUndefined();
    expect(await decodeOutcome(`${token.slice(0, -4)}AAAA`, secret, "guestgate.woodgrove.federation.result")).toBeUndefined();
    expect(await decodeOutcome("not-a-jwt", secret, "guestgate.woodgrove.federation.result")).toBeUndefined();
  });
});
