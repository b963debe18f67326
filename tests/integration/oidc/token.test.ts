import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import {
  basicAuth,
  BASE,
  createTestbed,
  form,
  ISSUER,
  obtainCode,
  REDIRECT,
  TENANT,
  TENANT_GUID,
  TOKEN_URL,
  tokenRequest,
  USERINFO_URL,
  type Testbed,
} from "./harness";

describe.each(testDatabaseProviders())("token endpoint on %s", (provider) => {
  let bed: Testbed;
  let spa: string;
  let web: { clientId: string; secret: string };
  let guestId: string;

  beforeAll(async () => {
    bed = await createTestbed(provider);
    spa = await bed.publicClient();
    web = await bed.confidentialClient({ grantTypes: ["authorization_code", "refresh_token"] });
    guestId = await bed.guest();
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  const redeem = (code: string, verifier: string, extra: Record<string, string> = {}) =>
    tokenRequest(bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: verifier,
      ...extra,
    });
  const userinfo = (token: string) => bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${token}` } });
  const errorOf = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: string }) });

  describe("responses (RFC 6749 §5.1, §5.2)", () => {
    it("carry Cache-Control: no-store and CORS; errors are { error, error_description }", async () => {
      const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId });
      const ok = await redeem(code, verifier);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("cache-control")).toBe("no-store");
      expect(ok.headers.get("access-control-allow-origin")).toBe("*");
      expect(await ok.json()).toMatchObject({
        token_type: "Bearer",
        expires_in: 3600,
        scope: "openid",
        access_token: expect.any(String),
        id_token: expect.any(String),
      });
      const bad = await tokenRequest(bed, { grant_type: "authorization_code", client_id: spa });
      expect(bad.headers.get("cache-control")).toBe("no-store");
      expect(await bad.json()).toEqual({ error: "invalid_request", error_description: expect.any(String) });
    });
    it("accept only a form-encoded POST", async () => {
      const json = await bed.fetch(TOKEN_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials" }),
      });
      expect(await errorOf(json)).toMatchObject({ status: 400, error: "invalid_request" });
      const latin1 = await bed.fetch(TOKEN_URL, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=iso-8859-1" },
        body: "grant_type=x",
      });
      expect(latin1.status).toBe(400);
      const get = await bed.fetch(`${TOKEN_URL}?grant_type=client_credentials`);
      expect(get.status).toBe(405);
      expect(get.headers.get("allow")).toBe("POST, OPTIONS");
      const preflight = await bed.fetch(TOKEN_URL, {
        method: "OPTIONS",
        headers: { origin: "https://spa.example", "access-control-request-method": "POST" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    });
    it("name unsupported and unauthorized grant types", async () => {
      expect(await errorOf(await tokenRequest(bed, { grant_type: "password", client_id: spa }))).toMatchObject({
        error: "unsupported_grant_type",
      });
      expect(await errorOf(await tokenRequest(bed, { grant_type: "client_credentials", client_id: spa }))).toMatchObject({
        error: "unauthorized_client",
      });
      expect(await errorOf(await tokenRequest(bed, { client_id: spa }))).toMatchObject({ error: "invalid_request" });
    });
  });

  describe("client authentication (RFC 6749 §2.3)", () => {
    const cc = { grant_type: "refresh_token", refresh_token: "x".repeat(43) };
    it("accepts client_secret_basic with form-urlencoded credentials and client_secret_post", async () => {
      expect(await errorOf(await tokenRequest(bed, cc, basicAuth(web.clientId, web.secret)))).toMatchObject({
        error: "invalid_grant",
      });
      expect(await errorOf(await tokenRequest(bed, { ...cc, client_id: web.clientId, client_secret: web.secret }))).toMatchObject(
        { error: "invalid_grant" },
      );
    });
    it("answers a wrong secret over Basic with 401 invalid_client and WWW-Authenticate", async () => {
      const response = await tokenRequest(bed, cc, basicAuth(web.clientId, "wrong"));
      expect(await errorOf(response)).toMatchObject({ status: 401, error: "invalid_client" });
      expect(response.headers.get("www-authenticate")).toBe(`Basic realm="${ISSUER}"`);
    });
    it("rejects two methods at once, a secret in the query, a public client with a secret, a confidential one without", async () => {
      expect(
        await errorOf(await tokenRequest(bed, { ...cc, client_secret: web.secret }, basicAuth(web.clientId, web.secret))),
      ).toMatchObject({ status: 400, error: "invalid_request" });
      expect(
        await errorOf(
          await tokenRequest(bed, { ...cc, client_id: web.clientId }, {}, `${TOKEN_URL}?client_secret=${web.secret}`),
        ),
      ).toMatchObject({ error: "invalid_request" });
      expect(await errorOf(await tokenRequest(bed, { ...cc, client_id: spa, client_secret: "anything" }))).toMatchObject({
        status: 401,
        error: "invalid_client",
      });
      expect(await errorOf(await tokenRequest(bed, { ...cc, client_id: web.clientId }))).toMatchObject({
        status: 401,
        error: "invalid_client",
      });
      expect(
        await errorOf(
          await tokenRequest(bed, {
            ...cc,
            client_id: web.clientId,
            client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion: "a.b.c",
          }),
        ),
      ).toMatchObject({ error: "invalid_client" });
    });
    it("accepts any of several unexpired secrets (rotation), and no expired one", async () => {
      const second = await bed.op.applications.addSecret(TENANT, web.clientId);
      expect(await errorOf(await tokenRequest(bed, cc, basicAuth(web.clientId, second.secret)))).toMatchObject({
        error: "invalid_grant",
      });
      await bed.db.prisma.clientSecret.updateMany({
        where: { hint: second.hint, application: { clientId: web.clientId } },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect(await errorOf(await tokenRequest(bed, cc, basicAuth(web.clientId, second.secret)))).toMatchObject({
        error: "invalid_client",
      });
      expect(await errorOf(await tokenRequest(bed, cc, basicAuth(web.clientId, web.secret)))).toMatchObject({
        error: "invalid_grant",
      });
    });
  });

  describe("authorization code (RFC 6749 §4.1.3, RFC 9700 §4.5)", () => {
    it("issues an ID token with iss, sub, aud, exp, iat, nonce, auth_time, sid, signed with a kid", async () => {
      const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId, nonce: "n-0S6", scope: "openid email phone" });
      const body = (await (await redeem(code, verifier)).json()) as { id_token: string; access_token: string };
      const claims = await bed.verify(body.id_token, spa);
      expect(claims).toMatchObject({
        iss: ISSUER,
        sub: guestId,
        aud: spa,
        nonce: "n-0S6",
        email_verified: true,
        sid: expect.any(String),
        auth_time: expect.any(Number),
        tid: TENANT_GUID,
      });
      expect(claims.exp! - claims.iat!).toBe(3600);
      expect(claims).not.toHaveProperty("azp");
      const access = await bed.verify(body.access_token, USERINFO_URL, { typ: "at+jwt" });
      expect(access).toMatchObject({
        sub: guestId,
        client_id: spa,
        scp: "openid email phone",
        jti: expect.any(String),
        tid: TENANT_GUID,
      });
    });
    it("is single use: a replay fails and revokes what the code issued", async () => {
      const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId, scope: "openid offline_access" });
      const first = (await (await redeem(code, verifier)).json()) as { access_token: string; refresh_token: string };
      expect((await userinfo(first.access_token)).status).toBe(200);
      expect(await errorOf(await redeem(code, verifier))).toMatchObject({ status: 400, error: "invalid_grant" });
      const after = await userinfo(first.access_token);
      expect(after.status).toBe(401);
      expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect(
        await errorOf(
          await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: first.refresh_token, client_id: spa }),
        ),
      ).toMatchObject({ error: "invalid_grant" });
    });
    it("does not let another client revoke a guest's grant by replaying their used code (RFC 9700 §4.5)", async () => {
      const other = await bed.publicClient();
      const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId, scope: "openid" });
      const first = (await (await redeem(code, verifier)).json()) as { access_token: string };
      expect(await errorOf(await redeem(code, verifier, { client_id: other }))).toMatchObject({ error: "invalid_grant" });
      expect((await userinfo(first.access_token)).status).toBe(200);
    });
    it("gives exactly one success to 20 parallel redemptions", async () => {
      const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId });
      const responses = await Promise.all(Array.from({ length: 20 }, () => redeem(code, verifier)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 400)).toHaveLength(19);
      const failures = await Promise.all(
        responses.filter((r) => r.status !== 200).map((r) => r.json() as Promise<{ error: string }>),
      );
      expect(new Set(failures.map((f) => f.error))).toEqual(new Set(["invalid_grant"]));
      const codeRow = await bed.db.prisma.authorizationCode.findFirstOrThrow({
        where: { consumedAt: { not: null } },
        orderBy: { createdAt: "desc" },
      });
      expect(await bed.db.prisma.grant.count({ where: { codeId: codeRow.id } })).toBe(1);
    });
    it("is bound to its client and redirect URI, and expires", async () => {
      const other = await bed.publicClient();
      const a = await obtainCode(bed, { clientId: spa, guestId });
      expect(await errorOf(await redeem(a.code, a.verifier, { client_id: other }))).toMatchObject({ error: "invalid_grant" });
      expect(await errorOf(await redeem(a.code, a.verifier, { redirect_uri: `${REDIRECT}?x` }))).toMatchObject({
        error: "invalid_grant",
      });
      expect(await errorOf(await redeem(a.code, a.verifier, { redirect_uri: "" }))).toMatchObject({ error: "invalid_request" });
      expect((await redeem(a.code, a.verifier)).status).toBe(200);
      const b = await obtainCode(bed, { clientId: spa, guestId });
      await bed.db.prisma.authorizationCode.updateMany({
        where: { consumedAt: null },
        data: { expiresAt: new Date(Date.now() - 1) },
      });
      expect(await errorOf(await redeem(b.code, b.verifier))).toMatchObject({ error: "invalid_grant" });
      expect(await errorOf(await redeem("x".repeat(43), b.verifier))).toMatchObject({ error: "invalid_grant" });
    });
    it("codes live at most 60 seconds", async () => {
      const before = Date.now();
      await obtainCode(bed, { clientId: spa, guestId });
      const row = await bed.db.prisma.authorizationCode.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
      expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(61_000);
    });
  });

  describe("PKCE (RFC 7636)", () => {
    it("rejects a wrong or missing code_verifier with invalid_grant", async () => {
      const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId });
      expect(await errorOf(await redeem(code, `${verifier.slice(0, -1)}${verifier.endsWith("A") ? "B" : "A"}`))).toMatchObject({
        error: "invalid_grant",
      });
      const { code: code2 } = await obtainCode(bed, { clientId: spa, guestId });
      expect(
        await errorOf(
          await tokenRequest(bed, { grant_type: "authorization_code", code: code2, redirect_uri: REDIRECT, client_id: spa }),
        ),
      ).toMatchObject({ error: "invalid_grant" });
    });
    it("rejects a code_verifier for a code issued without a challenge (downgrade, RFC 9700 §2.1.1)", async () => {
      const { code, verifier } = await obtainCode(bed, { clientId: web.clientId, guestId, withPkce: false });
      const response = await tokenRequest(
        bed,
        { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
        basicAuth(web.clientId, web.secret),
      );
      expect(await errorOf(response)).toMatchObject({ error: "invalid_grant" });
    });
    it("lets a confidential client use PKCE, or not", async () => {
      const withPkce = await obtainCode(bed, { clientId: web.clientId, guestId });
      expect(
        (
          await tokenRequest(
            bed,
            { grant_type: "authorization_code", code: withPkce.code, redirect_uri: REDIRECT, code_verifier: withPkce.verifier },
            basicAuth(web.clientId, web.secret),
          )
        ).status,
      ).toBe(200);
      const without = await obtainCode(bed, { clientId: web.clientId, guestId, withPkce: false });
      expect(
        (
          await tokenRequest(
            bed,
            { grant_type: "authorization_code", code: without.code, redirect_uri: REDIRECT },
            basicAuth(web.clientId, web.secret),
          )
        ).status,
      ).toBe(200);
    });
  });

  describe("refresh tokens (RFC 6749 §6, RFC 9700 §4.14, OIDC Core §11)", () => {
    async function tokens(scope = "openid offline_access") {
      const { code, verifier } = await obtainCode(bed, { clientId: spa, guestId, scope });
      return (await (await redeem(code, verifier)).json()) as { refresh_token?: string; access_token: string; id_token: string };
    }
    const refresh = (token: string, extra: Record<string, string> = {}) =>
      tokenRequest(bed, { grant_type: "refresh_token", refresh_token: token, client_id: spa, ...extra });

    it("are issued only with offline_access", async () => {
      expect((await tokens("openid")).refresh_token).toBeUndefined();
      expect((await tokens()).refresh_token).toMatch(/^[\w-]{43}$/);
    });
    it("rotate on every use; reusing an old one revokes the whole family", async () => {
      const first = await tokens();
      const second = (await (await refresh(first.refresh_token!)).json()) as {
        refresh_token: string;
        access_token: string;
        id_token: string;
      };
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(decodeJwt(second.id_token).sub).toBe(guestId);
      const third = (await (await refresh(second.refresh_token)).json()) as { refresh_token: string; access_token: string };
      expect((await userinfo(third.access_token)).status).toBe(200);
      expect(await errorOf(await refresh(first.refresh_token!))).toMatchObject({ error: "invalid_grant" });
      expect(await errorOf(await refresh(third.refresh_token))).toMatchObject({ error: "invalid_grant" });
      expect((await userinfo(third.access_token)).status).toBe(401);
    });
    it("give one success to parallel refreshes, and the losers revoke the family", async () => {
      const { refresh_token } = await tokens();
      const responses = await Promise.all(Array.from({ length: 5 }, () => refresh(refresh_token!)));
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    });
    it("may narrow the scope, never widen it, and stay bound to the client", async () => {
      const { refresh_token } = await tokens("openid email offline_access");
      const narrowed = (await (await refresh(refresh_token!, { scope: "openid" })).json()) as {
        scope: string;
        refresh_token: string;
      };
      expect(narrowed.scope).toBe("openid");
      expect(await errorOf(await refresh(narrowed.refresh_token, { scope: "openid profile" }))).toMatchObject({
        error: "invalid_scope",
      });
      const other = await bed.publicClient();
      expect(
        await errorOf(
          await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: narrowed.refresh_token, client_id: other }),
        ),
      ).toMatchObject({ error: "invalid_grant" });
    });
  });

  describe("a blocked guest gets no tokens", () => {
    it("neither from a code nor from a refresh token, and userinfo refuses their access token", async () => {
      const guest = await bed.guest();
      const a = await obtainCode(bed, { clientId: spa, guestId: guest, scope: "openid offline_access" });
      const b = await obtainCode(bed, { clientId: spa, guestId: guest, browser: a.browser, scope: "openid offline_access" });
      const issued = (await (await redeem(a.code, a.verifier)).json()) as { refresh_token: string; access_token: string };
      await bed.db.prisma.guest.update({ where: { id: guest }, data: { state: "blocked" } });
      expect(await errorOf(await redeem(b.code, b.verifier))).toMatchObject({ error: "invalid_grant" });
      expect(
        await errorOf(
          await tokenRequest(bed, { grant_type: "refresh_token", refresh_token: issued.refresh_token, client_id: spa }),
        ),
      ).toMatchObject({ error: "invalid_grant" });
      expect((await userinfo(issued.access_token)).status).toBe(401);
    });
  });

  describe("client credentials (RFC 6749 §4.4)", () => {
    it("issue an access token with the application permissions as roles", async () => {
      const app = await bed.confidentialClient({
        grantTypes: ["client_credentials"],
        redirectUris: [],
        permissions: ["User.Invite.All", "User.Read.All"],
      });
      const resource = `${BASE}/${TENANT}/graph`;
      const response = await tokenRequest(
        bed,
        { grant_type: "client_credentials", scope: `${resource}/.default` },
        basicAuth(app.clientId, app.secret),
      );
      const body = (await response.json()) as { access_token: string; scope: string; refresh_token?: string; id_token?: string };
      expect(response.status).toBe(200);
      expect(body).toMatchObject({ token_type: "Bearer", scope: `${resource}/.default` });
      expect(body.refresh_token).toBeUndefined();
      expect(body.id_token).toBeUndefined();
      expect(await bed.verify(body.access_token, resource, { typ: "at+jwt" })).toMatchObject({
        sub: app.clientId,
        client_id: app.clientId,
        roles: ["User.Invite.All", "User.Read.All"],
        tid: TENANT_GUID,
      });
      expect(await bed.op.verifyAccessToken(TENANT, body.access_token, resource)).toMatchObject({
        roles: ["User.Invite.All", "User.Read.All"],
      });
      expect(
        await errorOf(
          await tokenRequest(bed, { grant_type: "client_credentials", scope: "openid" }, basicAuth(app.clientId, app.secret)),
        ),
      ).toMatchObject({ error: "invalid_scope" });
      expect(
        (await tokenRequest(bed, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.secret }))
          .status,
      ).toBe(200);
    });
    it("are for confidential clients only", async () => {
      await expect(
        bed.op.applications.register({ tenantId: TENANT, name: "x", clientType: "public", grantTypes: ["client_credentials"] }),
      ).rejects.toThrow(/public client cannot use client_credentials/);
    });
  });

  it("keeps tenants apart: a woodgrove client is unknown at sparbanken's token endpoint", async () => {
    const response = await tokenRequest(
      bed,
      { grant_type: "client_credentials" },
      basicAuth(web.clientId, web.secret),
      `${BASE}/sparbanken/oauth2/v2.0/token`,
    );
    expect(await errorOf(response)).toMatchObject({ status: 401, error: "invalid_client" });
    expect(form({})).toBe("");
  });
});
