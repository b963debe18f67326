// The front of `npm start` (app/_lib/front) on a real node:http server over a real provider and
// database: what it answers itself is exactly the endpoint's Response (compared with the same
// request given to the endpoint in process), what it does not answer reaches the next handler
// untouched, and bodies are bounded without breaking the connection. tests/e2e/front.test.ts
// compares it with Next's route handlers over the production build.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFront } from "../../../app/_lib/front";
import { navigationHeaders, navigationRequestOf } from "../../../app/_lib/http";
import { tagIncomingRequests } from "../../../app/_lib/log";
import { testDatabaseProviders } from "../../helpers/database";
import {
  BASE,
  basicAuth,
  createTestbed,
  FORM_HEADERS,
  form,
  obtainCode,
  pkce,
  REDIRECT,
  TENANT,
  type Browser,
  type Testbed,
} from "../oidc/harness";

describe.each(testDatabaseProviders())("npm start's front on %s", (provider) => {
  let bed: Testbed;
  let server: http.Server;
  let origin = "";
  let client: { clientId: string; secret: string };
  const errors: unknown[] = [];
  let throwing = false;
  let endpointsOverride: typeof bed.op.endpoints | undefined;

  beforeAll(async () => {
    bed = await createTestbed(provider);
    client = await bed.confidentialClient({ grantTypes: ["client_credentials"] });
    tagIncomingRequests();
    const front = createFront({
      endpoints: () =>
        throwing
          ? { ...bed.op.endpoints, jwks: () => Promise.reject(new Error("a bug")) }
          : (endpointsOverride ?? bed.op.endpoints),
      plainGets: () =>
        throwing ? { ...bed.op.metadataAnswers, jwks: () => Promise.reject(new Error("a bug")) } : bed.op.metadataAnswers,
      baseUrl: () => BASE,
      knownTenant: (tenant) => bed.tenants.find(tenant) !== undefined,
      navigationHeaders: (request, tenant) =>
        navigationHeaders(navigationRequestOf(request), bed.tenants.find(tenant), { https: true, development: false }).headers,
      onError: (error) => errors.push(error),
    });
    // The stand-in for Next's handler: it says so, with the body it received.
    server = http.createServer((request, response) => {
      if (front(request, response)) return;
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () =>
        response.writeHead(418, { "x-handled-by": "next" }).end(`${request.method} ${Buffer.concat(chunks).length}`),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await bed?.db.drop();
  });

  const tokenInit = (extra: Record<string, string> = {}) => ({
    method: "POST",
    headers: { ...FORM_HEADERS, ...basicAuth(client.clientId, client.secret) },
    body: form({ grant_type: "client_credentials", scope: `${BASE}/${TENANT}/graph/.default`, ...extra }),
  });

  const headersOf = (response: Response) => {
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!["date", "connection", "keep-alive", "content-length", "x-request-id", "transfer-encoding"].includes(name))
        out[name] = value;
    });
    return out;
  };

  it.each([
    ["a token", "oauth2/v2.0/token", () => tokenInit()],
    [
      "a wrong secret",
      "oauth2/v2.0/token",
      () => ({ ...tokenInit(), headers: { ...FORM_HEADERS, ...basicAuth(client.clientId, "no") } }),
    ],
    ["the JWKS", "discovery/v2.0/keys", () => ({ method: "GET" })],
    ["discovery", "v2.0/.well-known/openid-configuration", () => ({ method: "GET" })],
    ["userinfo without a token", "oauth2/v2.0/userinfo", () => ({ method: "GET" })],
    ["userinfo with a bad token", "oauth2/v2.0/userinfo", () => ({ method: "POST", headers: { authorization: "Bearer x.y.z" } })],
    [
      "introspection without a client",
      "oauth2/v2.0/introspect",
      () => ({ method: "POST", headers: FORM_HEADERS, body: "token=x" }),
    ],
    ["revocation", "oauth2/v2.0/revoke", () => ({ ...tokenInit(), body: form({ token: "unknown" }) })],
  ])("answers %s with the endpoint's own Response", async (_name, rest, init) => {
    const viaFront = await fetch(`${origin}/${TENANT}/${rest}`, init());
    const direct = await bed.fetch(`${BASE}/${TENANT}/${rest}`, init());
    expect({ status: viaFront.status, headers: headersOf(viaFront) }).toEqual({
      status: direct.status,
      headers: headersOf(direct),
    });
    const [a, b] = [await viaFront.text(), await direct.text()];
    if (rest.includes("token") && viaFront.status === 200) {
      expect(Object.keys(JSON.parse(a) as object).sort()).toEqual(Object.keys(JSON.parse(b) as object).sort());
    } else expect(a).toBe(b);
    expect(viaFront.headers.get("x-content-type-options")).toBe("nosniff");
    expect(viaFront.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  describe("the authorization endpoint", () => {
    let spa = "";
    let guestId = "";
    let browser: Browser;
    const authorize = (
      extra: Record<string, string> = {},
      cookie = [...browser.cookies].map(([n, v]) => `${n}=${v}`).join("; "),
    ) => {
      const { challenge, verifier } = pkce();
      const query = new URLSearchParams({
        client_id: spa,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "openid",
        state: "s-1",
        code_challenge: challenge,
        code_challenge_method: "S256",
        ui_locales: "nl",
        ...extra,
      });
      const url = `${origin}/${TENANT}/oauth2/v2.0/authorize?${query}`;
      return { verifier, response: fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" }) };
    };
    // What the proxy adds to every navigation's answer through Next (proxy.ts): the front too.
    const expectNavigationHeaders = (response: Response) => {
      expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' /);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("content-language")).toBe("nl");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(response.headers.get("vary")).toBeNull(); // Next's; the front answered
    };

    beforeAll(async () => {
      spa = await bed.publicClient();
      guestId = await bed.guest();
      ({ browser } = await obtainCode(bed, { clientId: spa, guestId }));
    });

    it("answers a silent sign-in with the endpoint's redirect and a code the token endpoint takes", async () => {
      const { verifier, response } = authorize();
      const answer = await response;
      expect(answer.status).toBe(302);
      expectNavigationHeaders(answer);
      const location = new URL(answer.headers.get("location")!);
      expect(location.origin + location.pathname).toBe(REDIRECT);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        state: "s-1",
        iss: `${BASE}/${TENANT}/v2.0`,
      });
      const token = await fetch(`${origin}/${TENANT}/oauth2/v2.0/token`, {
        method: "POST",
        headers: FORM_HEADERS,
        body: form({
          grant_type: "authorization_code",
          code: location.searchParams.get("code")!,
          redirect_uri: REDIRECT,
          client_id: spa,
          code_verifier: verifier,
        }),
      });
      expect(token.status).toBe(200);
    });

    it("answers what needs the person (prompt=login, no session, a blocked guest) with the interaction page's address", async () => {
      for (const [extra, cookie] of [
        [{ prompt: "login" }, undefined],
        [{}, ""],
      ] as const) {
        const answer = await authorize(extra, cookie).response;
        expect(answer.status).toBe(302);
        expectNavigationHeaders(answer);
        expect(new URL(answer.headers.get("location")!).pathname).toMatch(
          new RegExp(`^/${TENANT}/interaction/[A-Za-z0-9_-]{43}$`),
        );
      }
      // The session's guest is blocked: the session counts for nothing.
      await bed.db.prisma.guest.update({ where: { id: guestId }, data: { state: "blocked" } });
      try {
        const answer = await authorize().response;
        expect(new URL(answer.headers.get("location")!).pathname).toMatch(new RegExp(`^/${TENANT}/interaction/`));
      } finally {
        await bed.db.prisma.guest.update({ where: { id: guestId }, data: { state: "active" } });
      }
    });

    it("sends an unknown redirect_uri to the error page, never to it", async () => {
      const answer = await authorize({ redirect_uri: "https://evil.example/cb" }).response;
      expect(answer.status).toBe(302);
      expectNavigationHeaders(answer);
      expect(new URL(answer.headers.get("location")!).pathname).toBe(`/${TENANT}/error`);
    });
  });

  it.each([
    ["GET", "oauth2/v2.0/token", undefined],
    ["HEAD", "discovery/v2.0/keys", undefined],
    ["HEAD", "oauth2/v2.0/authorize", undefined],
    ["POST", "oauth2/v2.0/token/", "grant_type=client_credentials"],
  ])("leaves %s %s to Next, body unread", async (method, rest, body) => {
    const response = await fetch(`${origin}/${TENANT}/${rest}`, { method, body, headers: FORM_HEADERS });
    expect(response.status).toBe(418);
    if (method !== "HEAD") expect(await response.text()).toBe(`${method} ${body?.length ?? 0}`);
  });

  it("leaves the authorization endpoint of an unknown tenant to Next (its proxy's not-found page)", async () => {
    const response = await fetch(`${origin}/no-such-tenant/oauth2/v2.0/authorize`, {
      method: "POST",
      body: "a=b",
      headers: FORM_HEADERS,
    });
    expect(response.status).toBe(418);
    expect(await response.text()).toBe("POST 3");
  });

  it("refuses a body over 64 KiB, declared or streamed, and the next request is answered", async () => {
    const big = "x".repeat(300 * 1024);
    const declared = await fetch(`${origin}/${TENANT}/oauth2/v2.0/token`, tokenInit({ padding: big }));
    expect(declared.status).toBe(413);
    expect(declared.headers.get("cache-control")).toBe("no-store");
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(`p${i}=${"y".repeat(30 * 1024)}&`));
        controller.close();
      },
    });
    const streamed = await fetch(`${origin}/${TENANT}/oauth2/v2.0/token`, {
      ...tokenInit(),
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await fetch(`${origin}/${TENANT}/oauth2/v2.0/token`, tokenInit())).status).toBe(200);
  });

  it("writes the metadata GETs' plain answers without the endpoints, and leaves an unknown tenant's to them", async () => {
    const refuse = () => Promise.reject(new Error("the endpoint was called"));
    endpointsOverride = { ...bed.op.endpoints, jwks: refuse, discovery: refuse };
    try {
      for (const rest of ["discovery/v2.0/keys", "v2.0/.well-known/openid-configuration"]) {
        const response = await fetch(`${origin}/${TENANT}/${rest}`);
        expect(response.status, rest).toBe(200);
        expect(Number(response.headers.get("content-length"))).toBe(Buffer.byteLength(await response.text()));
      }
    } finally {
      endpointsOverride = undefined;
    }
    const unknown = await fetch(`${origin}/no-such-tenant/discovery/v2.0/keys`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(await (await bed.fetch(`${BASE}/no-such-tenant/discovery/v2.0/keys`)).text());
    expect(errors).toHaveLength(0);
  });

  it("answers an endpoint that throws with a JSON 500 carrying the baseline headers, and reports it", async () => {
    throwing = true;
    try {
      const response = await fetch(`${origin}/${TENANT}/discovery/v2.0/keys`);
      expect(response.status).toBe(500);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: "server_error", error_description: "the request could not be processed" });
      expect(errors).toHaveLength(1);
    } finally {
      throwing = false;
    }
  });
});
