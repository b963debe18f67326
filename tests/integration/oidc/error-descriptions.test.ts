// RFC 6749 §4.1.2.1/§5.2 and RFC 6750 §3 over what the provider answers when asked badly, and
// RFC 9110-level baseline headers on every JSON endpoint (the harness's router checks both on
// every response of every OIDC integration test; these provoke the cases the review found).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { authorizeUrl, BASE, createTestbed, FORM_HEADERS, pkce, REDIRECT, TENANT, type Testbed } from "./harness";
import { ERROR_DESCRIPTION } from "./protocol-rules";

const OAUTH = `${BASE}/${TENANT}/oauth2/v2.0`;

describe.each(testDatabaseProviders())("error responses on %s", (provider) => {
  let bed: Testbed;
  let spa: string;
  beforeAll(async () => {
    bed = await createTestbed(provider);
    spa = await bed.publicClient();
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("authorize echoes no non-ASCII, quote or backslash of an unknown scope back to the client", async () => {
    const response = await bed.fetch(
      authorizeUrl({
        client_id: spa,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: 'openid "é\\ü€',
        state: "s",
        code_challenge: pkce().challenge,
        code_challenge_method: "S256",
      }),
      { redirect: "manual" },
    );
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_scope");
    const description = location.searchParams.get("error_description")!;
    expect(description).toMatch(ERROR_DESCRIPTION);
    expect(description.length).toBeGreaterThan(0);
  });

  it("the token endpoint's errors, JSON, with the baseline headers", async () => {
    const response = await bed.fetch(`${OAUTH}/token`, {
      method: "POST",
      headers: FORM_HEADERS,
      body: `grant_type=${encodeURIComponent('ünknown"\\')}&client_id=${spa}`,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error_description: string };
    expect(body.error_description).toMatch(ERROR_DESCRIPTION);
  });

  it.each([
    ["no token", {}, 401],
    ["a malformed header", { authorization: 'Bearer "é\\' }, 400],
    ["a token that is not ours", { authorization: "Bearer abc.def.ghi" }, 401],
  ])("userinfo with %s: nosniff and no-referrer like every JSON endpoint", async (_, headers, status) => {
    const response = await bed.fetch(`${OAUTH}/userinfo`, { headers });
    expect(response.status).toBe(status);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
