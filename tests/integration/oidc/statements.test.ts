// How many SQL statements the hot browser paths send, counted on the provider's own client: a
// silent sign-in (authorize with a live session → code) and its code exchange. docs/PERFORMANCE.md
// measured each statement's cost on the journeys' CPU; a change that adds one shows up here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { authorizeUrl, createTestbed, FORM_HEADERS, form, obtainCode, pkce, REDIRECT, TOKEN_URL, type Testbed } from "./harness";

/** `SELECT guests` for a statement: its verb and the first table it names. */
function shape(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+(?:[`"]?\w+[`"]?\.)?[`"]?(\w+)/i.exec(sql)?.[1] ?? "?";
  return `${verb} ${table}`;
}

describe.each(testDatabaseProviders())("statements per silent sign-in on %s", (provider) => {
  let bed: Testbed;
  const statements: string[] = [];

  beforeAll(async () => {
    // The production staleness bound: applications and flows come from the caches, as in npm start.
    bed = await createTestbed(provider, { onQuery: (event) => statements.push(event.query), cacheSeconds: 5 });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("authorize, then the code exchange", async () => {
    const clientId = await bed.publicClient();
    const guestId = await bed.guest({ attributes: { city: "Delft" } });
    const { browser } = await obtainCode(bed, { clientId, guestId, scope: "openid profile email" });
    const silent = async () => {
      const { verifier, challenge } = pkce();
      const nav = await browser.navigate(
        authorizeUrl({
          client_id: clientId,
          redirect_uri: REDIRECT,
          response_type: "code",
          scope: "openid profile email",
          state: "s",
          code_challenge: challenge,
          code_challenge_method: "S256",
        }),
      );
      const code = nav.url.searchParams.get("code");
      expect(nav.kind, nav.url.href).toBe("client");
      return { code: code!, verifier };
    };
    const exchange = async (code: string, verifier: string) => {
      const response = await bed.fetch(TOKEN_URL, {
        method: "POST",
        headers: FORM_HEADERS,
        body: form({
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT,
          client_id: clientId,
          code_verifier: verifier,
        }),
      });
      expect(response.status).toBe(200);
    };
    // Once to fill the caches (application, keys, flows).
    const first = await silent();
    await exchange(first.code, first.verifier);

    statements.length = 0;
    const { code, verifier } = await silent();
    const authorize = statements.splice(0);
    await exchange(code, verifier);
    const token = statements.splice(0);
    // The session joined to its guest's state (whether the guest may still sign in; not the
    // attributes), then the code.
    expect(authorize.map(shape)).toEqual(["SELECT op_sessions", "INSERT authorization_codes"]);
    // The code joined to its guest and the guest's attributes (the claims), the grant (unique per
    // code: it decides a race), the code marked used. Application, keys and flows come from the caches.
    expect(token.map(shape)).toEqual(["SELECT authorization_codes", "INSERT grants", "UPDATE authorization_codes"]);
  });
});
