import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import {
  authorizeUrl,
  BASE,
  createTestbed,
  form,
  FORM_HEADERS,
  ISSUER,
  LOOPBACK,
  obtainCode,
  pkce,
  REDIRECT,
  rowCounts,
  TENANT,
  type Testbed,
} from "./harness";

describe.each(testDatabaseProviders())("authorization endpoint on %s", (provider) => {
  let bed: Testbed;
  let clientId: string;
  let guestId: string;
  const { challenge } = pkce();
  const valid = () => ({
    client_id: clientId,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: "openid",
    state: "st",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });

  beforeAll(async () => {
    bed = await createTestbed(provider);
    clientId = await bed.publicClient();
    guestId = await bed.guest();
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  describe("client and redirect URI are verified before anything is redirected (RFC 6749 §4.1.2.1)", () => {
    it.each([
      ["an unknown client_id", { client_id: "00000000-0000-4000-8000-000000000000" }, "unknown_client"],
      ["a client_id that is not a GUID", { client_id: "app" }, "unknown_client"],
      ["a missing redirect_uri", { redirect_uri: "" }, "invalid_redirect_uri"],
      ["an unregistered redirect_uri", { redirect_uri: "https://evil.example/callback" }, "invalid_redirect_uri"],
      ["a redirect_uri differing by a slash", { redirect_uri: `${REDIRECT}/` }, "invalid_redirect_uri"],
    ])("%s shows the localized error page, not a redirect", async (_what, change, page) => {
      const nav = await bed.browser().navigate(authorizeUrl({ ...valid(), ...change }));
      expect(nav.kind).toBe("error-page");
      expect(nav.url.href).toBe(`${BASE}/${TENANT}/error?code=${page}`);
    });
    it("the error page and the interaction page speak the ui_locales the client asked for", async () => {
      const error = await bed
        .browser()
        .navigate(authorizeUrl({ ...valid(), redirect_uri: "https://evil.example/", ui_locales: "sv-SE fr" }));
      expect(error.url.href).toBe(`${BASE}/${TENANT}/error?code=invalid_redirect_uri&ui_locales=sv-SE+fr`);
      const interaction = await bed.browser().navigate(authorizeUrl({ ...valid(), ui_locales: "en" }));
      expect(interaction.url.searchParams.get("ui_locales")).toBe("en");
    });
    it("a client of another tenant is unknown here", async () => {
      const nav = await bed.browser().navigate(authorizeUrl(valid(), "sparbanken"));
      expect(nav.url.href).toBe(`${BASE}/sparbanken/error?code=unknown_client`);
    });
    it("a repeated redirect_uri shows the error page", async () => {
      const nav = await bed.browser().navigate(`${authorizeUrl(valid())}&redirect_uri=${encodeURIComponent(REDIRECT)}`);
      expect(nav.url.searchParams.get("code")).toBe("invalid_redirect_uri");
    });
  });

  describe("errors go back to the client with state and iss (RFC 6749 §4.1.2.1, RFC 9207)", () => {
    it.each([
      ["response_type=token", { response_type: "token" }, "unsupported_response_type"],
      ["no response_type", { response_type: "" }, "invalid_request"],
      ["scope without openid", { scope: "profile" }, "invalid_scope"],
      ["PKCE plain", { code_challenge_method: "plain" }, "invalid_request"],
      ["no PKCE from a public client", { code_challenge: "", code_challenge_method: "" }, "invalid_request"],
      ["request", { request: "eyJhbGciOiJub25lIn0.e30." }, "request_not_supported"],
      ["request_uri", { request_uri: "urn:example:1" }, "request_uri_not_supported"],
      ["registration", { registration: "{}" }, "registration_not_supported"],
      ["prompt=none with login", { prompt: "none login" }, "invalid_request"],
      ["prompt=none without a session", { prompt: "none" }, "login_required"],
      ["a bad max_age", { max_age: "-5" }, "invalid_request"],
      ["an id_token_hint that is not ours", { id_token_hint: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" }, "invalid_request"],
    ])("%s → %s", async (_what, change, error) => {
      const nav = await bed.browser().navigate(authorizeUrl({ ...valid(), ...change }));
      expect(nav.kind).toBe("client");
      expect(nav.url.origin + nav.url.pathname).toBe(REDIRECT);
      expect(Object.fromEntries(nav.url.searchParams)).toMatchObject({ error, state: "st", iss: ISSUER });
      expect(nav.url.searchParams.get("error_description")).toEqual(expect.any(String));
    });
    it("a repeated parameter is invalid_request (RFC 6749 §3.1), without echoing a repeated state", async () => {
      const nav = await bed.browser().navigate(`${authorizeUrl(valid())}&scope=openid`);
      expect(nav.url.searchParams.get("error")).toBe("invalid_request");
      expect(nav.url.searchParams.get("state")).toBe("st");
      const twice = await bed.browser().navigate(`${authorizeUrl(valid())}&state=other`);
      expect(twice.url.searchParams.get("error")).toBe("invalid_request");
      expect(twice.url.searchParams.has("state")).toBe(false);
    });
    it("a client not registered for the code flow is unauthorized_client", async () => {
      const { clientId: ccOnly } = await bed.confidentialClient({ grantTypes: ["client_credentials"], redirectUris: [REDIRECT] });
      const nav = await bed.browser().navigate(authorizeUrl({ ...valid(), client_id: ccOnly }));
      expect(nav.url.searchParams.get("error")).toBe("unauthorized_client");
    });
  });

  describe("state (RFC 6749 §4.1.2)", () => {
    it.each(["plain", "with space+plus & ampersand = equals", "ünïcødé ✓ 日本", "a/b?c#d%25e", "x".repeat(4000)])(
      "is echoed byte for byte: %s",
      async (state) => {
        const nav = await bed.browser().navigate(authorizeUrl({ ...valid(), state }));
        expect(nav.kind).toBe("interaction");
        const back = await bed.browser().navigate(authorizeUrl({ ...valid(), state, prompt: "none" }));
        expect(back.url.searchParams.get("state")).toBe(state);
      },
    );
  });

  describe("MSAL and other clients' extra parameters", () => {
    it("are ignored: client_info, x-client-*, claims_locales, unknown ones", async () => {
      const nav = await bed.browser().navigate(
        authorizeUrl({
          ...valid(),
          client_info: "1",
          "x-client-SKU": "msal.js.node",
          "x-client-VER": "3.0",
          "x-client-OS": "linux",
          "x-app-name": "a",
          foo: "bar",
          claims_locales: "nl",
        }),
      );
      expect(nav.kind).toBe("interaction");
    });
  });

  describe("interaction and resume (the person signs in through the journey)", () => {
    it("redirects to the interaction page and, once completed, back to the client with a code, state and iss", async () => {
      const browser = bed.browser();
      const nav = await browser.navigate(
        authorizeUrl({ ...valid(), login_hint: "ada@example.com", ui_locales: "nl", display: "touch", acr_values: "urn:x" }),
      );
      expect(nav).toMatchObject({ kind: "interaction", status: 302 });
      expect(await bed.op.describeInteraction(TENANT, nav.interactionId!)).toMatchObject({
        clientId,
        clientName: "SPA",
        reason: "no_session",
        loginHint: "ada@example.com",
        uiLocales: "nl",
        display: "touch",
        acrValues: "urn:x",
      });
      const back = await browser.signIn(bed.op, nav.interactionId!, guestId);
      expect(back.kind).toBe("client");
      expect(back.url.searchParams.get("state")).toBe("st");
      expect(back.url.searchParams.get("iss")).toBe(ISSUER);
      expect(back.url.searchParams.get("code")).toMatch(/^[\w-]{43}$/);
    });
    it("accepts POST and answers it with 303 (RFC 9700 §4.12)", async () => {
      const browser = bed.browser();
      const response = await browser.request(`${BASE}/${TENANT}/oauth2/v2.0/authorize`, {
        method: "POST",
        headers: FORM_HEADERS,
        body: form(valid()),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(new RegExp(`^${BASE}/${TENANT}/interaction/`));
      const unknown = await browser.request(`${BASE}/${TENANT}/oauth2/v2.0/authorize`, {
        method: "POST",
        headers: FORM_HEADERS,
        body: form({ client_id: "x" }),
      });
      expect(unknown.status).toBe(303);
    });
    it("binds the interaction to the browser that started it", async () => {
      const starter = bed.browser();
      const nav = await starter.navigate(authorizeUrl(valid()));
      const { resumeUrl } = await bed.op.completeInteraction(TENANT, nav.interactionId!, {
        guestId,
        amr: ["otp"],
        remember: false,
      });
      const thief = await bed.browser().navigate(resumeUrl);
      expect(thief.url.searchParams.get("code")).toBe("interaction_other_browser");
      const owner = await starter.navigate(resumeUrl);
      expect(owner.kind).toBe("client");
      const again = await starter.navigate(resumeUrl);
      expect(again.url.searchParams.get("code")).toBe("interaction_expired");
    });
    it("lets only the browser that made the request start the journey (a phished interaction link is refused)", async () => {
      const starter = bed.browser();
      const nav = await starter.navigate(authorizeUrl(valid()));
      const page = (browser: ReturnType<Testbed["browser"]>) => {
        const cookie = [...browser.cookies].map(([n, v]) => `${n}=${v}`).join("; ");
        return new Request(bed.op.urls(TENANT).interaction(nav.interactionId!), { headers: cookie ? { cookie } : {} });
      };
      expect(await bed.op.isBoundToBrowser(page(starter), TENANT, nav.interactionId!)).toBe(true);
      // A victim who follows the attacker's link has no binding cookie, or one of their own.
      const victim = bed.browser();
      expect(await bed.op.isBoundToBrowser(page(victim), TENANT, nav.interactionId!)).toBe(false);
      await victim.navigate(authorizeUrl(valid()));
      expect(victim.cookies.size).toBeGreaterThan(0);
      expect(await bed.op.isBoundToBrowser(page(victim), TENANT, nav.interactionId!)).toBe(false);
      await expect(bed.op.isBoundToBrowser(page(starter), "sparbanken", nav.interactionId!)).rejects.toMatchObject({
        code: "not_found",
      });
      // The interaction page's one read answers the same.
      expect(await bed.op.describeForBrowser(page(starter), TENANT, nav.interactionId!)).toMatchObject({
        id: nav.interactionId,
        clientId,
        boundToBrowser: true,
      });
      expect((await bed.op.describeForBrowser(page(victim), TENANT, nav.interactionId!)).boundToBrowser).toBe(false);
    });
    it("sends an incomplete interaction back to its page, and refuses to complete one twice", async () => {
      const browser = bed.browser();
      const nav = await browser.navigate(authorizeUrl(valid()));
      const early = await browser.navigate(bed.op.urls(TENANT).resume(nav.interactionId!));
      expect(early.kind).toBe("interaction");
      await bed.op.completeInteraction(TENANT, nav.interactionId!, { guestId, amr: ["otp"], remember: false });
      await expect(
        bed.op.completeInteraction(TENANT, nav.interactionId!, { guestId, amr: ["otp"], remember: false }),
      ).rejects.toMatchObject({ code: "already_completed" });
      await expect(
        bed.op.completeInteraction(TENANT, "x".repeat(43), { guestId, amr: [], remember: false }),
      ).rejects.toMatchObject({ code: "not_found" });
      await expect(
        bed.op.completeInteraction("sparbanken", nav.interactionId!, { guestId, amr: [], remember: false }),
      ).rejects.toMatchObject({ code: "not_found" });
    });
    it("refuses an expired interaction", async () => {
      const browser = bed.browser();
      const nav = await browser.navigate(authorizeUrl(valid()));
      await bed.db.prisma.interaction.update({
        where: { id: nav.interactionId! },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await expect(
        bed.op.completeInteraction(TENANT, nav.interactionId!, { guestId, amr: [], remember: false }),
      ).rejects.toMatchObject({ code: "expired" });
      expect((await browser.navigate(bed.op.urls(TENANT).resume(nav.interactionId!))).url.searchParams.get("code")).toBe(
        "interaction_expired",
      );
    });
    it("returns access_denied with state when the journey aborts", async () => {
      const browser = bed.browser();
      const nav = await browser.navigate(authorizeUrl(valid()));
      const { resumeUrl } = await bed.op.abortInteraction(TENANT, nav.interactionId!);
      const back = await browser.navigate(resumeUrl);
      expect(Object.fromEntries(back.url.searchParams)).toMatchObject({ error: "access_denied", state: "st", iss: ISSUER });
    });
    it("does not let a blocked guest complete an interaction", async () => {
      const blocked = await bed.guest({ state: "blocked" });
      const nav = await bed.browser().navigate(authorizeUrl(valid()));
      await expect(
        bed.op.completeInteraction(TENANT, nav.interactionId!, { guestId: blocked, amr: [], remember: false }),
      ).rejects.toMatchObject({ code: "guest_not_allowed" });
    });
  });

  describe("OP session and prompt (OIDC Core §3.1.2.1)", () => {
    it("prompt=none with a live session is silent; prompt=login and max_age=0 ask again; a blocked guest's session counts for nothing", async () => {
      const me = await bed.guest();
      const { browser } = await obtainCode(bed, { clientId, guestId: me });
      const cookieName = bed.op.sessionCookieName(TENANT);
      expect(cookieName).toBe(`__Host-gg_op_${TENANT}`);
      expect(browser.cookies.has(cookieName)).toBe(true);
      expect((await browser.navigate(authorizeUrl({ ...valid(), prompt: "none" }))).url.searchParams.get("code")).toEqual(
        expect.any(String),
      );
      expect((await browser.navigate(authorizeUrl(valid()))).kind).toBe("client");
      const login = await browser.navigate(authorizeUrl({ ...valid(), prompt: "login" }));
      expect(login.kind).toBe("interaction");
      expect((await bed.op.describeInteraction(TENANT, login.interactionId!)).reason).toBe("login_requested");
      expect((await browser.navigate(authorizeUrl({ ...valid(), max_age: "0" }))).kind).toBe("interaction");
      expect((await browser.navigate(authorizeUrl({ ...valid(), max_age: "3600" }))).kind).toBe("client");
      await bed.db.prisma.guest.update({ where: { id: me }, data: { state: "blocked" } });
      expect((await browser.navigate(authorizeUrl({ ...valid(), prompt: "none" }))).url.searchParams.get("error")).toBe(
        "login_required",
      );
    });
    it("the session read with its guest's state: a deleted guest's, an ended or an expired session counts for nothing", async () => {
      const silent = async (browser: Awaited<ReturnType<typeof obtainCode>>["browser"]) =>
        (await browser.navigate(authorizeUrl({ ...valid(), prompt: "none" }))).url.searchParams;
      const deleted = await obtainCode(bed, { clientId, guestId: await bed.guest() });
      const ended = await obtainCode(bed, { clientId, guestId: await bed.guest() });
      const expired = await obtainCode(bed, { clientId, guestId: await bed.guest() });
      for (const { browser } of [deleted, ended, expired])
        expect((await silent(browser)).get("code")).toEqual(expect.any(String));
      const guestOf = async (browser: typeof deleted.browser) => {
        const cookie = browser.cookies.get(bed.op.sessionCookieName(TENANT))!;
        return bed.db.prisma.opSession.findUniqueOrThrow({
          where: { id: createHash("sha256").update(cookie).digest("base64url") },
        });
      };
      await bed.db.prisma.guest.delete({ where: { id: (await guestOf(deleted.browser)).guestId } });
      await bed.db.prisma.opSession.update({ where: { id: (await guestOf(ended.browser)).id }, data: { endedAt: new Date() } });
      await bed.db.prisma.opSession.update({
        where: { id: (await guestOf(expired.browser)).id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      for (const { browser } of [deleted, ended, expired]) expect((await silent(browser)).get("error")).toBe("login_required");
    });
    it("signing in again as the same guest keeps the sid; a session cookie from another tenant is not a session here", async () => {
      const me = await bed.guest();
      const first = await obtainCode(bed, { clientId, guestId: me });
      const sessions = await bed.db.prisma.opSession.findMany({ where: { guestId: me } });
      expect(sessions).toHaveLength(1);
      const nav = await first.browser.navigate(authorizeUrl({ ...valid(), prompt: "login" }));
      await first.browser.signIn(bed.op, nav.interactionId!, me);
      const after = await bed.db.prisma.opSession.findMany({ where: { guestId: me } });
      expect(after.map((s) => s.sid)).toEqual(sessions.map((s) => s.sid));
      expect(after[0]!.authTime.getTime()).toBeGreaterThanOrEqual(sessions[0]!.authTime.getTime());
      const elsewhere = await first.browser.navigate(authorizeUrl({ ...valid(), prompt: "none" }, "sparbanken"));
      expect(elsewhere.url.searchParams.get("code")).toBe("unknown_client");
    });
    it("stores session, code and refresh tokens only as hashes", async () => {
      const me = await bed.guest();
      const { code, browser } = await obtainCode(bed, { clientId, guestId: me });
      const cookie = browser.cookies.get(bed.op.sessionCookieName(TENANT))!;
      const dump = JSON.stringify([
        await bed.db.prisma.opSession.findMany(),
        await bed.db.prisma.authorizationCode.findMany(),
        await bed.db.prisma.interaction.findMany(),
      ]);
      expect(dump).not.toContain(cookie);
      expect(dump).not.toContain(code);
    });
  });

  describe("loopback redirect URIs (RFC 8252 §7.3)", () => {
    it("accept any port and return the code to the port that was asked for", async () => {
      const redirectUri = LOOPBACK.replace("127.0.0.1", "127.0.0.1:49152");
      const { callback } = await obtainCode(bed, { clientId, guestId, redirectUri });
      expect(callback.origin).toBe("http://127.0.0.1:49152");
    });
  });

  it("stores nothing for a refused request", async () => {
    const before = await rowCounts(bed);
    await bed.browser().navigate(authorizeUrl({ ...valid(), response_type: "token" }));
    await bed.browser().navigate(authorizeUrl({ ...valid(), redirect_uri: "https://evil.example" }));
    expect(await rowCounts(bed)).toEqual(before);
  });
});
