// What the documentation's tests share: an in-process Guestgate (tests/integration/oidc/harness.ts)
// reached through the *global* fetch, so that the snippets of docs/INTEGRATION.md run exactly as
// printed — with no test hooks in them — while every request stays inside the test process.
import { afterAll, beforeAll, expect, vi } from "vitest";
import * as harness from "../oidc/harness";

export const { BASE, ISSUER, POST_LOGOUT, REDIRECT, TENANT, basicAuth, obtainCode, tokenRequest } = harness;
export type Testbed = harness.Testbed;

/** A testbed on SQLite whose origin (https://id.guestgate.test) the global fetch routes in-process. */
export async function startGuestgate(): Promise<Testbed> {
  const bed = await harness.createTestbed("sqlite");
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (new URL(request.url).origin !== BASE) throw new Error(`the documentation tests stay offline: ${request.url}`);
    return bed.fetch(request);
  });
  return bed;
}

export async function stopGuestgate(bed: Testbed | undefined): Promise<void> {
  vi.unstubAllGlobals();
  await bed?.close();
}

/** Claims of a JWT, unverified (the tests verify signatures with bed.verify). */
export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Starts Guestgate for the describe block around it and stops it after, failing on any error it reported. */
export function useTestbed(): () => Testbed {
  let bed: Testbed | undefined;
  beforeAll(async () => {
    bed = await startGuestgate();
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await stopGuestgate(bed);
  });
  return () => bed ?? expect.fail("the testbed is not started");
}
