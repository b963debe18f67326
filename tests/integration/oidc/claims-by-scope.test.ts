// Which profile data an application gets with `scope=openid` alone: by default the user flow's
// token-claim selection (Entra's behaviour); with the application's claimsByScope switch, only
// what the scopes asked for hold (OIDC Core §5.4).
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { createTestbed, obtainCode, REDIRECT, tokenRequest, USERINFO_URL, type Testbed } from "./harness";

/** What the application's user flow selects for its tokens. */
const FLOW_CLAIMS = {
  given_name: "Ann",
  email: "ann@example.com",
  address: { country: "NL" },
  extension_abc_customerNumber: "12345678",
};

describe.each(testDatabaseProviders())("claims by scope on %s", (provider) => {
  let bed: Testbed;
  let guestId: string;
  beforeAll(async () => {
    bed = await createTestbed(provider, { applicationClaims: async () => ({ ...FLOW_CLAIMS }) });
    guestId = await bed.guest({ email: "ann@example.com", displayName: "Ann de Vries" });
  });
  afterAll(async () => {
    await bed?.close();
  });

  async function released(clientId: string, scope: string) {
    const { code, verifier } = await obtainCode(bed, { clientId, guestId, scope });
    const tokens = (await (
      await tokenRequest(bed, {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: clientId,
      })
    ).json()) as { id_token: string; access_token: string };
    const userinfo = (await (
      await bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    ).json()) as Record<string, unknown>;
    return { idToken: decodeJwt(tokens.id_token), userinfo };
  }

  it("by default releases the flow's selection with openid alone, as Entra does", async () => {
    const clientId = await bed.publicClient();
    const { idToken, userinfo } = await released(clientId, "openid");
    for (const claims of [idToken, userinfo]) expect(claims).toMatchObject(FLOW_CLAIMS);
  });

  it("with claimsByScope, openid alone releases no profile data", async () => {
    const clientId = await bed.publicClient({ claimsByScope: true });
    const { idToken, userinfo } = await released(clientId, "openid");
    for (const claims of [idToken, userinfo]) {
      for (const name of [...Object.keys(FLOW_CLAIMS), "name", "email_verified"]) expect(claims, name).not.toHaveProperty(name);
      expect(claims.sub).toBe(guestId);
    }
  });

  it("with claimsByScope, each scope releases its own claims, and custom attributes come with profile", async () => {
    const clientId = await bed.publicClient({ claimsByScope: true });
    const email = await released(clientId, "openid email");
    for (const claims of [email.idToken, email.userinfo]) {
      expect(claims).toMatchObject({ email: "ann@example.com" });
      expect(claims).not.toHaveProperty("given_name");
      expect(claims).not.toHaveProperty("extension_abc_customerNumber");
      expect(claims).not.toHaveProperty("address");
    }
    const profile = await released(clientId, "openid profile address");
    for (const claims of [profile.idToken, profile.userinfo]) {
      expect(claims).toMatchObject({ given_name: "Ann", extension_abc_customerNumber: "12345678", address: { country: "NL" } });
      expect(claims).not.toHaveProperty("email");
    }
  });
});
