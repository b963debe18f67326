import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { demoEnabled, demoExposure, parseEnv } from "../../../app/_lib/env";
import { runWithRequestContext } from "../../../app/_lib/log";
import { createOutbox } from "../../../app/_lib/mail";
import { deriveSealingKey, seal } from "../../../app/demo/_lib/seal";

const KEK = Buffer.alloc(32, 7).toString("base64");
const SECRET = "x".repeat(32);

describe("GUESTGATE_DEMO", () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: "development" }, true],
    [{ NODE_ENV: "test" }, true],
    [{ NODE_ENV: "development", GUESTGATE_DEMO: "false" }, false],
    [{ NODE_ENV: "production" }, false],
    [{ NODE_ENV: "production", GUESTGATE_DEMO: "" }, false],
    [{ NODE_ENV: "production", GUESTGATE_DEMO: "false" }, false],
    [{ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" }, true],
  ])("%o → demo %s", (env, enabled) => {
    expect(demoEnabled(parseEnv({ AUTH_SECRET: SECRET, GUESTGATE_KEY_ENCRYPTION_KEY: KEK, ...env }))).toBe(enabled);
  });
  it.each([
    [{ NODE_ENV: "production", GUESTGATE_DEMO: "true" }, /GUESTGATE_DEMO: .*NODE_ENV=production/],
    [{ NODE_ENV: "development", GUESTGATE_BASE_URL: "https://id.example.com" }, /GUESTGATE_DEMO: .*not a loopback address/],
    [{ NODE_ENV: "development", GUESTGATE_DEMO: "true", GUESTGATE_BASE_URL: "http://192.168.1.20:3000" }, /not a loopback/],
  ])("refuses to start with the demo on where the outbox would be reachable: %o", (env, message) => {
    expect(() => parseEnv({ AUTH_SECRET: SECRET, GUESTGATE_KEY_ENCRYPTION_KEY: KEK, ...env })).toThrowError(message);
  });
  it.each([
    [{ NODE_ENV: "development", GUESTGATE_BASE_URL: "http://localhost:3000" }, undefined],
    [{ NODE_ENV: "development", GUESTGATE_BASE_URL: "http://127.0.0.2:3000" }, undefined],
    [{ NODE_ENV: "development", GUESTGATE_BASE_URL: "http://[::1]:3000" }, undefined],
    [{ NODE_ENV: "production", GUESTGATE_BASE_URL: "https://id.example.com" }, undefined],
    [{ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" }, /NODE_ENV=production/],
    [
      { GUESTGATE_BASE_URL: "https://id.example.com", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" },
      /https:\/\/id\.example\.com is not a loopback address/,
    ],
  ])("starts when the demo is safe, off, or overridden (and says why it is unsafe): %o", (env, exposure) => {
    const parsed = parseEnv({ AUTH_SECRET: SECRET, GUESTGATE_KEY_ENCRYPTION_KEY: KEK, ...env });
    if (exposure) expect(demoExposure(parsed)).toMatch(exposure);
    else expect(demoExposure(parsed)).toBeUndefined();
  });
  it("names the variable when it is not a boolean", () => {
    expect(() => parseEnv({ GUESTGATE_DEMO: "maybe" })).toThrowError(/GUESTGATE_DEMO/);
  });
});

// The route modules as `next start` loads them, with the environment of each case. server.ts
// keeps its services on globalThis, so each case starts from scratch.
describe("the demo's and the outbox's routes", () => {
  let outboxDir: string;
  const holder = globalThis as { __guestgate?: unknown; __guestgateDemo?: unknown };

  beforeAll(async () => {
    outboxDir = await mkdtemp(path.join(os.tmpdir(), "guestgate-demo-outbox-"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    delete holder.__guestgate;
    delete holder.__guestgateDemo;
  });
  afterAll(async () => {
    await rm(outboxDir, { recursive: true, force: true });
  });

  async function load(env: Record<string, string>) {
    vi.resetModules();
    delete holder.__guestgate;
    delete holder.__guestgateDemo;
    const base = {
      AUTH_SECRET: SECRET,
      GUESTGATE_KEY_ENCRYPTION_KEY: KEK,
      GUESTGATE_CONFIG: "tenants.json",
      GUESTGATE_OUTBOX_DIR: outboxDir,
      // Nothing listens on the discard port: discovery fails fast.
      GUESTGATE_BASE_URL: "http://localhost:9",
      GUESTGATE_DEMO: "",
      GUESTGATE_DEMO_UNSAFE_OVERRIDE: "",
      GUESTGATE_TRUSTED_PROXIES: "",
      SMTP_URL: "",
    };
    for (const [name, value] of Object.entries({ ...base, ...env })) vi.stubEnv(name, value);
    vi.spyOn(console, "info").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    return {
      login: await import("../../../app/demo/login/route"),
      callback: await import("../../../app/demo/callback/route"),
      logout: await import("../../../app/demo/logout/route"),
      html: await import("../../../app/dev/outbox/[id]/html/route"),
      outbox: await import("../../../app/dev/outbox/_lib/outbox"),
      demo: await import("../../../app/demo/_lib/demo"),
    };
  }

  const get = (url: string, host = "127.0.0.1:9") => new Request(`http://localhost:9${url}`, { headers: { host } });
  const htmlParams = (id: string) => ({ params: Promise.resolve({ id }) });

  it("are all 404 in production without GUESTGATE_DEMO", async () => {
    const routes = await load({ NODE_ENV: "production" });
    expect(routes.demo.demo()).toBeUndefined();
    expect(routes.outbox.developmentOutbox(new Headers())).toBeUndefined();
    expect((await routes.login.GET(get("/demo/login?tenant=woodgrove"))).status).toBe(404);
    expect((await routes.callback.GET(get("/demo/callback?code=x&state=y"))).status).toBe(404);
    const post = new Request("http://localhost:9/demo/logout", {
      method: "POST",
      headers: { host: "127.0.0.1:9", "sec-fetch-site": "same-origin" },
    });
    expect((await routes.logout.POST(post)).status).toBe(404);
    expect(routes.logout.GET().status).toBe(404);
    expect((await routes.html.GET(get("/dev/outbox/x/html"), htmlParams("00000000-0000-4000-8000-000000000000"))).status).toBe(
      404,
    );
  });

  it("are off when GUESTGATE_DEMO=false, even in development", async () => {
    const routes = await load({ NODE_ENV: "development", GUESTGATE_DEMO: "false" });
    expect(routes.demo.demo()).toBeUndefined();
    expect((await routes.login.GET(get("/demo/login?tenant=woodgrove"))).status).toBe(404);
  });

  it("hide the outbox when mail goes through SMTP, whatever GUESTGATE_DEMO says", async () => {
    const routes = await load({
      NODE_ENV: "production",
      GUESTGATE_DEMO: "true",
      GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true",
      SMTP_URL: "smtp://user:pass@mail.invalid:587",
    });
    expect(routes.outbox.developmentOutbox(new Headers())).toBeUndefined();
    expect(routes.demo.demo()).toBeDefined();
  });

  describe("with GUESTGATE_DEMO=true under next start", () => {
    it("the login sends the browser to the demo's own origin first, then checks its input", async () => {
      const { login } = await load({ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" });
      const moved = await login.GET(get("/demo/login?tenant=woodgrove&lang=nl", "localhost:9"));
      expect(moved.status).toBe(303);
      expect(moved.headers.get("location")).toBe("http://127.0.0.1:9/demo/login?tenant=woodgrove&lang=nl");
      expect(moved.headers.get("set-cookie")).toBeNull();
      expect((await login.GET(get("/demo/login?tenant=nowhere"))).status).toBe(404);
      expect((await login.GET(get("/demo/login?tenant=woodgrove&lang=sv"))).status).toBe(400);
      expect((await login.GET(get("/demo/login?tenant=woodgrove&lang=xx"))).status).toBe(400);
    });

    it("the login explains when Guestgate cannot be reached", async () => {
      const { login } = await load({ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" });
      const response = await login.GET(get("/demo/login?tenant=woodgrove&lang=nl"));
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("http://127.0.0.1:9/demo/error?reason=unavailable&tenant=woodgrove");
    });

    it("a callback without the transaction cookie is 'expired', and spends nothing", async () => {
      const { callback } = await load({ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" });
      const response = await callback.GET(get("/demo/callback?code=x&state=y"));
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("http://127.0.0.1:9/demo/error?reason=expired");
      expect(response.headers.get("set-cookie")).toMatch(/^gg_demo_tx=; Path=\/demo; Max-Age=0; HttpOnly; SameSite=Lax$/);
    });

    it("a callback with a sealed transaction goes on to redeem the code (here: Guestgate is down)", async () => {
      const { callback } = await load({ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" });
      const transaction = { tenant: "woodgrove", state: "s", nonce: "n", codeVerifier: "v".repeat(43) };
      const sealed = await seal("transaction", transaction, deriveSealingKey(SECRET), { seconds: 60 });
      const request = new Request("http://localhost:9/demo/callback?code=x&state=s", {
        headers: { host: "127.0.0.1:9", cookie: `other=1; gg_demo_tx=${sealed}` },
      });
      const response = await callback.GET(request);
      expect(response.headers.get("location")).toBe("http://127.0.0.1:9/demo/error?reason=unavailable&tenant=woodgrove");
      expect(response.headers.getSetCookie()).toEqual(["gg_demo_tx=; Path=/demo; Max-Age=0; HttpOnly; SameSite=Lax"]);
      // A transaction sealed under another secret is not ours.
      const foreign = await seal("transaction", transaction, deriveSealingKey("y".repeat(32)), { seconds: 60 });
      const refused = await callback.GET(
        new Request("http://localhost:9/demo/callback?code=x&state=s", {
          headers: { host: "127.0.0.1:9", cookie: `gg_demo_tx=${foreign}` },
        }),
      );
      expect(refused.headers.get("location")).toBe("http://127.0.0.1:9/demo/error?reason=expired");
    });

    it("logout accepts only a same-origin POST", async () => {
      const { logout } = await load({ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" });
      const post = (headers: Record<string, string>) =>
        logout.POST(
          new Request("http://localhost:9/demo/logout", { method: "POST", headers: { host: "127.0.0.1:9", ...headers } }),
        );
      expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect((await post({ origin: "http://localhost:9" })).status).toBe(403);
      const done = await post({ origin: "http://127.0.0.1:9" });
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe("http://127.0.0.1:9/demo/signed-out");
      expect(done.headers.getSetCookie()).toEqual([
        "gg_demo_session=; Path=/demo; Max-Age=0; HttpOnly; SameSite=Lax",
        "gg_demo_userinfo=; Path=/demo; Max-Age=0; HttpOnly; SameSite=Lax",
      ]);
      expect(logout.GET().status).toBe(405);
    });

    it("the outbox offers a message's HTML only as a download", async () => {
      const routes = await load({ NODE_ENV: "production", GUESTGATE_DEMO: "true", GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true" });
      const outbox = runWithRequestContext({ requestId: "r", peerAddress: "127.0.0.1" }, () =>
        routes.outbox.developmentOutbox(new Headers()),
      );
      expect(outbox?.dir).toBe(outboxDir);
      await createOutbox({ dir: outboxDir }).deliver({
        to: "ada@example.com",
        from: "Guestgate <no-reply@localhost>",
        subject: "Your code",
        text: "Your code is 123456",
        html: "<p>Your code is <b>123456</b></p><script>alert(1)</script>",
        locale: "nl",
        kind: "passcode",
        tenant: "woodgrove",
      });
      const [message] = await outbox!.listOutbox({ to: "ADA@example.com", limit: 5 });
      const fromPeer = (peer: string, headers: Record<string, string> = {}) =>
        runWithRequestContext({ requestId: "r", peerAddress: peer }, () =>
          routes.html.GET(new Request(`http://localhost:9/dev/outbox/${message!.id}/html`, { headers }), htmlParams(message!.id)),
        );
      // Live passcodes: only for a browser on this machine. Not another address, not a request
      // without a socket, not one a local proxy we were not told about forwarded from elsewhere.
      expect((await fromPeer("192.0.2.50")).status).toBe(404);
      expect((await routes.html.GET(get(`/dev/outbox/${message!.id}/html`), htmlParams(message!.id))).status).toBe(404);
      expect((await fromPeer("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).status).toBe(404);
      expect((await fromPeer("::ffff:127.0.0.1")).status).toBe(200);
      const response = await fromPeer("::1");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="guestgate-mail-[0-9TZ-]+-[0-9a-f]{8}\.html"$/,
      );
      expect(response.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
      expect(await response.text()).toContain("<b>123456</b>");
      expect((await fromPeer("127.0.0.1")).status).toBe(200);
      expect((await routes.html.GET(get("/dev/outbox/x/html"), htmlParams("../../etc/passwd"))).status).toBe(404);
      expect((await routes.html.GET(get("/dev/outbox/x/html"), htmlParams("00000000-0000-4000-8000-000000000000"))).status).toBe(
        404,
      );
    });
  });
});
