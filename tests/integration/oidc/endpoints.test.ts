import { randomBytes } from "node:crypto";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOidcRepositories } from "../../../app/_lib/db";
import { createOidcProvider } from "../../../app/_lib/oidc";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import {
  authorizeUrl,
  basicAuth,
  BASE,
  createTestbed,
  form,
  FORM_HEADERS,
  ISSUER,
  obtainCode,
  POST_LOGOUT,
  REDIRECT,
  TENANT,
  tokenRequest,
  USERINFO_URL,
  type Testbed,
} from "./harness";

const OAUTH = `${BASE}/${TENANT}/oauth2/v2.0`;

describe.each(testDatabaseProviders())("discovery, JWKS, userinfo, revocation, introspection, logout on %s", (provider) => {
  let bed: Testbed;
  let spa: string;
  let web: { clientId: string; secret: string };
  let guestId: string;

  beforeAll(async () => {
    bed = await createTestbed(provider);
    spa = await bed.publicClient();
    web = await bed.confidentialClient();
    guestId = await bed.guest({
      email: "grace@example.com",
      displayName: "Grace Hopper",
      attributes: { givenName: "Grace", phoneNumber: "+31201234567", country: "NL" },
    });
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  async function tokensFor(clientId: string, scope = "openid offline_access", secret?: string) {
    const { code, verifier, browser } = await obtainCode(bed, { clientId, guestId, scope });
    const response = await tokenRequest(
      bed,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        ...(secret ? {} : { client_id: clientId }),
      },
      secret ? basicAuth(clientId, secret) : {},
    );
    return { ...((await response.json()) as { access_token: string; refresh_token: string; id_token: string }), browser };
  }

  describe("OpenID Provider Metadata (OIDC Discovery §4)", () => {
    it("is served at /{tenant}/v2.0/.well-known and /{tenant}/.well-known, with the issuer from configuration", async () => {
      for (const path of ["v2.0/.well-known/openid-configuration", ".well-known/openid-configuration"]) {
        const response = await bed.fetch(`${BASE}/${TENANT}/${path}`, {
          headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get("access-control-allow-origin")).toBe("*");
        expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
        const metadata = (await response.json()) as Record<string, unknown>;
        expect(metadata.issuer).toBe(ISSUER);
        expect(JSON.stringify(metadata)).not.toContain("evil");
        expect(metadata.ui_locales_supported).toEqual(["nl", "en"]);
      }
    });
    it("is a 404 for an unknown tenant", async () => {
      expect((await bed.fetch(`${BASE}/contoso/v2.0/.well-known/openid-configuration`)).status).toBe(404);
    });
  });

  describe("JWKS (RFC 7517) and signing keys", () => {
    it("publishes RS256 and ES256 public keys, cacheable, with CORS", async () => {
      const response = await bed.fetch(`${BASE}/${TENANT}/discovery/v2.0/keys`);
      expect(response.headers.get("content-type")).toBe("application/jwk-set+json");
      expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const { keys } = (await response.json()) as { keys: Record<string, string>[] };
      expect(keys.map((k) => k.alg).sort()).toEqual(["ES256", "RS256"]);
      for (const key of keys) {
        expect(key).toMatchObject({ use: "sig", kid: expect.any(String) });
        for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(key).not.toHaveProperty(secret);
      }
    });
    it("keeps private keys encrypted at rest", async () => {
      const rows = await bed.db.prisma.signingKey.findMany({ where: { tenantId: TENANT } });
      for (const row of rows) {
        expect(row.privateJwkEncrypted).toMatch(/^v1\./);
        expect(row.privateJwkEncrypted).not.toContain('"d"');
      }
    });
    it("generates one active key per algorithm even when two instances start at once", async () => {
      const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
      const kek = randomBytes(32);
      const instances = [0, 1, 2].map(() =>
        createOidcProvider({
          baseUrl: BASE,
          tenants,
          repositories: createOidcRepositories(bed.db.prisma),
          keyEncryptionKey: kek,
        }),
      );
      const sets = await Promise.all(instances.map((op) => op.keys.jwks("sparbanken")));
      expect(new Set(sets.map((s) => JSON.stringify(s.keys.map((k) => k.kid).sort()))).size).toBe(1);
      expect(await bed.db.prisma.signingKey.count({ where: { tenantId: "sparbanken", state: "active" } })).toBe(2);
    });
    it("rotates: tokens get the new kid, tokens signed before still verify, the old key stays in the JWKS", async () => {
      const before = await tokensFor(spa, "openid");
      const oldKid = decodeProtectedHeader(before.id_token).kid;
      const rotated = await bed.op.keys.rotate(TENANT);
      expect(rotated.map((r) => r.alg).sort()).toEqual(["ES256", "RS256"]);
      const after = await tokensFor(spa, "openid");
      expect(decodeProtectedHeader(after.id_token).kid).not.toBe(oldKid);
      expect(decodeProtectedHeader(after.id_token).kid).toBe(rotated.find((r) => r.alg === "RS256")!.kid);
      const { keys } = (await (await bed.fetch(`${BASE}/${TENANT}/discovery/v2.0/keys`)).json()) as { keys: { kid: string }[] };
      expect(keys).toHaveLength(4);
      expect(keys.map((k) => k.kid)).toContain(oldKid);
      expect(await bed.verify(before.id_token, spa)).toMatchObject({ sub: guestId });
      expect(await bed.verify(after.id_token, spa)).toMatchObject({ sub: guestId });
      expect((await bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${before.access_token}` } })).status).toBe(200);
    });
  });

  describe("UserInfo (OIDC Core §5.3, RFC 6750)", () => {
    it("answers GET and POST with the claims of the granted scopes", async () => {
      const { access_token } = await tokensFor(spa, "openid email phone address");
      for (const method of ["GET", "POST"]) {
        const response = await bed.fetch(USERINFO_URL, { method, headers: { authorization: `Bearer ${access_token}` } });
        expect(response.status).toBe(200);
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(await response.json()).toEqual({
          sub: guestId,
          email: "grace@example.com",
          email_verified: true,
          phone_number: "+31201234567",
          phone_number_verified: false,
          address: { country: "NL" },
        });
      }
    });
    it("releases profile claims only with the profile scope", async () => {
      const { access_token } = await tokensFor(spa, "openid");
      expect(await (await bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${access_token}` } })).json()).toEqual({
        sub: guestId,
      });
    });
    it("answers 401 with a bare Bearer challenge without a token, invalid_token with a bad one (RFC 6750 §3)", async () => {
      const none = await bed.fetch(USERINFO_URL);
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toBe(`Bearer realm="${ISSUER}"`);
      const bad = await bed.fetch(USERINFO_URL, { headers: { authorization: "Bearer abc.def.ghi" } });
      expect(bad.status).toBe(401);
      expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect(((await bad.json()) as { error: string }).error).toBe("invalid_token");
      const idToken = (await tokensFor(spa, "openid")).id_token;
      expect((await bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${idToken}` } })).status).toBe(401);
      const cc = await bed.confidentialClient({
        grantTypes: ["client_credentials"],
        redirectUris: [],
        permissions: ["User.Read.All"],
      });
      const app = (await (
        await tokenRequest(bed, { grant_type: "client_credentials" }, basicAuth(cc.clientId, cc.secret))
      ).json()) as { access_token: string };
      expect((await bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${app.access_token}` } })).status).toBe(401);
    });
  });

  describe("revocation (RFC 7009)", () => {
    const revoke = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      bed.fetch(`${OAUTH}/revoke`, { method: "POST", headers: { ...FORM_HEADERS, ...headers }, body: form(body) });

    it("revoking a refresh token ends its grant: the refresh token and the access tokens from it", async () => {
      const t = await tokensFor(spa);
      const response = await revoke({ token: t.refresh_token, token_type_hint: "refresh_token", client_id: spa });
      expect(response.status).toBe(200);
      expect(
        (await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: t.refresh_token, client_id: spa })).status,
      ).toBe(400);
      expect((await bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
    });
    it("revoking an access token ends its grant too", async () => {
      const t = await tokensFor(web.clientId, "openid offline_access", web.secret);
      expect((await revoke({ token: t.access_token }, basicAuth(web.clientId, web.secret))).status).toBe(200);
      expect(
        (
          await tokenRequest(
            bed,
            { grant_type: "refresh_token", refresh_token: t.refresh_token },
            basicAuth(web.clientId, web.secret),
          )
        ).status,
      ).toBe(400);
    });
    it("answers 200 for an unknown token, refuses another client's token, and authenticates the client", async () => {
      expect((await revoke({ token: "x".repeat(43), client_id: spa })).status).toBe(200);
      const t = await tokensFor(spa);
      const other = await revoke({ token: t.refresh_token }, basicAuth(web.clientId, web.secret));
      expect(((await other.json()) as { error: string }).error).toBe("invalid_request");
      expect((await revoke({ token: t.refresh_token }, basicAuth(web.clientId, "wrong"))).status).toBe(401);
      expect((await revoke({ client_id: spa })).status).toBe(400);
    });
  });

  describe("introspection (RFC 7662)", () => {
    const introspect = (body: Record<string, string>, headers: Record<string, string>) =>
      bed.fetch(`${OAUTH}/introspect`, { method: "POST", headers: { ...FORM_HEADERS, ...headers }, body: form(body) });

    it("describes the client's own active tokens, and says active:false for anything else", async () => {
      const t = await tokensFor(web.clientId, "openid offline_access", web.secret);
      const auth = basicAuth(web.clientId, web.secret);
      const access = await introspect({ token: t.access_token }, auth);
      expect(access.headers.get("cache-control")).toBe("no-store");
      expect(await access.json()).toMatchObject({
        active: true,
        client_id: web.clientId,
        sub: guestId,
        scope: "openid offline_access",
        iss: ISSUER,
        token_type: "Bearer",
      });
      expect(await (await introspect({ token: t.refresh_token, token_type_hint: "refresh_token" }, auth)).json()).toMatchObject({
        active: true,
        client_id: web.clientId,
        sub: guestId,
      });
      expect(await (await introspect({ token: "garbage" }, auth)).json()).toEqual({ active: false });
      const foreign = await tokensFor(spa);
      expect(await (await introspect({ token: foreign.access_token }, auth)).json()).toEqual({ active: false });
      await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: t.refresh_token }, auth);
      expect(await (await introspect({ token: t.refresh_token }, auth)).json()).toEqual({ active: false });
    });
    it("says active:false for the tokens of a guest who was blocked since", async () => {
      const blockedLater = await bed.guest();
      const { code, verifier } = await obtainCode(bed, {
        clientId: web.clientId,
        guestId: blockedLater,
        scope: "openid offline_access",
      });
      const auth = basicAuth(web.clientId, web.secret);
      const response = await tokenRequest(
        bed,
        { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
        auth,
      );
      const t = (await response.json()) as { access_token: string; refresh_token: string };
      expect(await (await introspect({ token: t.access_token }, auth)).json()).toMatchObject({ active: true });
      await bed.db.prisma.guest.update({ where: { id: blockedLater }, data: { state: "blocked" } });
      expect(await (await introspect({ token: t.access_token }, auth)).json()).toEqual({ active: false });
      expect(await (await introspect({ token: t.refresh_token }, auth)).json()).toEqual({ active: false });
    });
    it("is for confidential clients only", async () => {
      const t = await tokensFor(spa);
      const response = await introspect({ token: t.access_token, client_id: spa }, {});
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toBe("invalid_client");
    });
  });

  describe("RP-Initiated Logout 1.0", () => {
    it("ends the session named by id_token_hint and returns to the registered post_logout_redirect_uri with state", async () => {
      const t = await tokensFor(spa, "openid");
      const url = `${OAUTH}/logout?${new URLSearchParams({ id_token_hint: t.id_token, post_logout_redirect_uri: POST_LOGOUT, state: "s p" })}`;
      const nav = await t.browser.navigate(url);
      expect(nav.kind).toBe("client");
      expect(nav.url.href).toBe(`${POST_LOGOUT}?state=s+p`);
      expect(t.browser.cookies.has(bed.op.sessionCookieName(TENANT))).toBe(false);
      const sid = (await bed.verify(t.id_token, spa)).sid as string;
      expect((await bed.db.prisma.opSession.findUniqueOrThrow({ where: { sid } })).endedAt).not.toBeNull();
      const silent = await t.browser.navigate(
        authorizeUrl({
          client_id: spa,
          redirect_uri: REDIRECT,
          response_type: "code",
          scope: "openid",
          prompt: "none",
          code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
          code_challenge_method: "S256",
        }),
      );
      expect(silent.url.searchParams.get("error")).toBe("login_required");
    });
    it("shows the error page for an unregistered post_logout_redirect_uri or a client_id that is not the hint's audience, and keeps the session", async () => {
      const t = await tokensFor(spa, "openid");
      const cases: Record<string, string>[] = [
        { id_token_hint: t.id_token, post_logout_redirect_uri: "https://evil.example/" },
        { post_logout_redirect_uri: POST_LOGOUT },
        { id_token_hint: t.id_token, client_id: web.clientId },
        { id_token_hint: "not.a.token" },
        { client_id: "00000000-0000-4000-8000-000000000000" },
      ];
      for (const params of cases) {
        const nav = await t.browser.navigate(`${OAUTH}/logout?${new URLSearchParams(params)}`);
        expect(nav.url.href, JSON.stringify(params)).toBe(`${BASE}/${TENANT}/error?code=invalid_logout_request`);
      }
      expect(t.browser.cookies.has(bed.op.sessionCookieName(TENANT))).toBe(true);
    });
    it("asks the person to confirm when the request does not name the session, and accepts the confirmation only as a same-origin POST", async () => {
      const t = await tokensFor(spa, "openid");
      const params = { client_id: spa, post_logout_redirect_uri: POST_LOGOUT, state: "x" };
      const nav = await t.browser.navigate(`${OAUTH}/logout?${new URLSearchParams(params)}`);
      expect(nav.url.pathname).toBe(`/${TENANT}/logout`);
      expect(Object.fromEntries(nav.url.searchParams)).toEqual(params);
      const crossSite = await t.browser.navigate(`${OAUTH}/logout`, {
        method: "POST",
        headers: { ...FORM_HEADERS, "sec-fetch-site": "cross-site" },
        body: form({ ...params, confirm: "yes" }),
      });
      expect(crossSite.url.pathname).toBe(`/${TENANT}/logout`);
      expect(t.browser.cookies.has(bed.op.sessionCookieName(TENANT))).toBe(true);
      const confirmed = await t.browser.navigate(`${OAUTH}/logout`, {
        method: "POST",
        headers: { ...FORM_HEADERS, "sec-fetch-site": "same-origin" },
        body: form({ ...params, confirm: "yes" }),
      });
      expect(confirmed).toMatchObject({ kind: "client", status: 303 });
      expect(confirmed.url.href).toBe(`${POST_LOGOUT}?state=x`);
      expect(t.browser.cookies.has(bed.op.sessionCookieName(TENANT))).toBe(false);
    });
    it("matches a loopback post_logout_redirect_uri exactly: RFC 8252's port exception is for redirect URIs only", async () => {
      const registered = "http://127.0.0.1:8400/signed-out";
      const native = await bed.publicClient({ postLogoutRedirectUris: [registered] });
      const logout = (uri: string) =>
        bed.browser().navigate(`${OAUTH}/logout?${new URLSearchParams({ client_id: native, post_logout_redirect_uri: uri })}`);
      for (const uri of ["http://127.0.0.1:9999/signed-out", "http://127.0.0.1/signed-out", "http://[::1]:8400/signed-out"]) {
        expect((await logout(uri)).url.href, uri).toBe(`${BASE}/${TENANT}/error?code=invalid_logout_request`);
      }
      expect((await logout(registered)).url.href).toBe(registered);
    });
    it("without a session, or without a post_logout_redirect_uri, ends on our signed-out page or goes straight back", async () => {
      const nav = await bed.browser().navigate(`${OAUTH}/logout`);
      expect(nav.url.href).toBe(`${BASE}/${TENANT}/signed-out`);
      const back = await bed
        .browser()
        .navigate(`${OAUTH}/logout?${new URLSearchParams({ client_id: spa, post_logout_redirect_uri: POST_LOGOUT })}`);
      expect(back.url.href).toBe(POST_LOGOUT);
    });
  });
});
