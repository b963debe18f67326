import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import {
  basicAuth,
  BASE,
  createTestbed,
  FORM_HEADERS,
  ISSUER,
  pkce,
  POST_LOGOUT,
  REDIRECT,
  rowCounts,
  TENANT,
  type Testbed,
} from "./harness";

const OAUTH = `${BASE}/${TENANT}/oauth2/v2.0`;
const encode = (params: [string, string][]) => params.map(([n, v]) => `${encodeURIComponent(n)}=${v}`).join("&");
const enc = (value: string) => encodeURIComponent(value);

/** Ways to spoil one parameter; the value is already form-encoded. Each must be refused. */
const SPOILERS: [string, (name: string, value: string) => [string, string][]][] = [
  [
    "repeated",
    (n, v) => [
      [n, v],
      [n, v],
    ],
  ],
  [
    "repeated with another value",
    (n, v) => [
      [n, v],
      [n, `${v}x`],
    ],
  ],
  ["NUL", (n, v) => [[n, `${v}%00`]]],
  ["CR LF", (n, v) => [[n, `${v}%0D%0ASet-Cookie:%20x=1`]]],
  ["a C1 control", (n, v) => [[n, `${v}%C2%9B`]]],
  ["invalid UTF-8", (n, v) => [[n, `${v}%FF`]]],
  ["an overlong UTF-8 sequence", (n, v) => [[n, `${v}%C0%AF`]]],
  ["an encoded lone surrogate", (n, v) => [[n, `${v}%ED%A0%80`]]],
  ["a broken percent escape", (n, v) => [[n, `${v}%4`]]],
  ["oversized (10 000 characters)", (n) => [[n, "a".repeat(10_000)]]],
];
/** Odd but well-formed: may be accepted or refused, never a 500. */
const ODDITIES: [string, (name: string, value: string) => [string, string][]][] = [
  ["empty", (n) => [[n, ""]]],
  ["as an array (name[])", (n, v) => [[`${n}[]`, v]]],
  ["as JSON", (n) => [[n, enc('{"$ne":null}')]]],
  ["as a number", (n) => [[n, "12345"]]],
  ["with right-to-left override and emoji", (n, v) => [[n, `${v}${enc("\u202e😀")}`]]],
];

describe.each(testDatabaseProviders())("bad input never breaks an endpoint, and nothing is stored, on %s", (provider) => {
  let bed: Testbed;
  let spa: string;
  let web: { clientId: string; secret: string };
  beforeAll(async () => {
    bed = await createTestbed(provider);
    spa = await bed.publicClient();
    web = await bed.confidentialClient();
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  const authorizeBase = (): [string, string][] =>
    Object.entries({
      client_id: spa,
      redirect_uri: enc(REDIRECT),
      response_type: "code",
      scope: "openid",
      state: "st",
      nonce: "n",
      code_challenge: pkce().challenge,
      code_challenge_method: "S256",
      prompt: "login",
      max_age: "60",
      login_hint: enc("a@b.example"),
      ui_locales: "nl",
      acr_values: "x",
      display: "page",
    });

  const mutate = (base: [string, string][], name: string, spoil: (n: string, v: string) => [string, string][]) =>
    encode(base.flatMap(([n, v]) => (n === name ? spoil(n, v) : [[n, v] as [string, string]])));

  /** The authorize answer to a refused request: our error page, or the client with an error (never a code). */
  function expectRefusedAuthorize(response: Response, label: string) {
    expect([302, 303], label).toContain(response.status);
    const location = new URL(response.headers.get("location")!);
    if (location.origin === BASE) {
      expect(location.pathname, label).toBe(`/${TENANT}/error`);
    } else {
      expect(location.searchParams.get("error"), label).toEqual(expect.any(String));
      expect(location.searchParams.get("iss"), label).toBe(ISSUER);
      expect(location.searchParams.has("code"), label).toBe(false);
    }
  }

  it("authorize (GET and POST) refuses every spoiled parameter, with a page or an error redirect", async () => {
    const before = await rowCounts(bed);
    for (const [name] of authorizeBase()) {
      for (const [what, spoil] of SPOILERS) {
        const query = mutate(authorizeBase(), name, spoil);
        const label = `${name} ${what}`;
        expectRefusedAuthorize(await bed.fetch(`${OAUTH}/authorize?${query}`), `GET ${label}`);
        expectRefusedAuthorize(
          await bed.fetch(`${OAUTH}/authorize`, { method: "POST", headers: FORM_HEADERS, body: query }),
          `POST ${label}`,
        );
      }
    }
    expect(await rowCounts(bed)).toEqual(before);
  });

  it("authorize survives odd but well-formed values (no 500)", async () => {
    for (const [name] of authorizeBase()) {
      for (const [what, spoil] of ODDITIES) {
        const response = await bed.fetch(`${OAUTH}/authorize?${mutate(authorizeBase(), name, spoil)}`);
        expect([302, 303], `${name} ${what}`).toContain(response.status);
      }
    }
  });

  it("authorize refuses a whole request that is too large, has too many parameters, or a body that is not a form", async () => {
    const before = await rowCounts(bed);
    expectRefusedAuthorize(await bed.fetch(`${OAUTH}/authorize?${encode(authorizeBase())}&x=${"a".repeat(70_000)}`), "huge");
    expectRefusedAuthorize(await bed.fetch(`${OAUTH}/authorize?${encode(authorizeBase())}${"&y=1".repeat(200)}`), "many");
    expectRefusedAuthorize(
      await bed.fetch(`${OAUTH}/authorize`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      "json",
    );
    expectRefusedAuthorize(
      await bed.fetch(`${OAUTH}/authorize`, {
        method: "POST",
        headers: FORM_HEADERS,
        body: new Uint8Array([0x63, 0x3d, 0xff, 0xfe]),
      }),
      "raw bytes",
    );
    expect((await bed.fetch(`${OAUTH}/authorize`, { method: "PUT" })).status).toBe(405);
    expect(await rowCounts(bed)).toEqual(before);
  });

  const jsonEndpoints = () =>
    [
      [
        "token",
        {
          grant_type: "authorization_code",
          code: "c".repeat(43),
          redirect_uri: enc(REDIRECT),
          client_id: spa,
          code_verifier: "v".repeat(43),
        },
        {},
      ],
      [
        "token",
        { grant_type: "refresh_token", refresh_token: "r".repeat(43), scope: "openid" },
        basicAuth(web.clientId, web.secret),
      ],
      ["token", { grant_type: "client_credentials", client_id: web.clientId, client_secret: enc(web.secret) }, {}],
      ["revoke", { token: "t".repeat(43), token_type_hint: "refresh_token", client_id: spa }, {}],
      ["introspect", { token: "t".repeat(43), token_type_hint: "access_token" }, basicAuth(web.clientId, web.secret)],
    ] as const;
  const KNOWN_ERRORS = [
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
  ];

  it("token, revocation and introspection answer every spoiled parameter with a 4xx OAuth error", async () => {
    const before = await rowCounts(bed);
    for (const [endpoint, params, headers] of jsonEndpoints()) {
      const base = Object.entries(params) as [string, string][];
      for (const [name] of base) {
        for (const [what, spoil] of [...SPOILERS, ...ODDITIES]) {
          const response = await bed.fetch(`${OAUTH}/${endpoint}`, {
            method: "POST",
            headers: { ...FORM_HEADERS, ...headers },
            body: mutate(base, name, spoil),
          });
          const label = `${endpoint} ${name} ${what}`;
          if (endpoint === "revoke" && response.status === 200) continue; // RFC 7009 §2.2: unknown tokens are fine
          if (endpoint === "introspect" && response.status === 200) {
            expect(await response.json(), label).toEqual({ active: false });
            continue;
          }
          expect(response.status, label).toBeGreaterThanOrEqual(400);
          expect(response.status, label).toBeLessThan(500);
          const body = (await response.json()) as { error: string };
          expect(KNOWN_ERRORS, label).toContain(body.error);
          if (SPOILERS.some(([w]) => w === what) && name !== "client_secret")
            expect(body.error, label).toMatch(/^(invalid_request|invalid_client)$/);
        }
      }
    }
    expect(await rowCounts(bed)).toEqual(before);
  });

  it("JSON endpoints refuse bodies that are not forms, too large, or not UTF-8", async () => {
    for (const endpoint of ["token", "revoke", "introspect"]) {
      const post = (body: BodyInit, headers: Record<string, string> = FORM_HEADERS) =>
        bed.fetch(`${OAUTH}/${endpoint}`, { method: "POST", headers, body });
      for (const response of [
        await post('{"grant_type":"client_credentials"}', { "content-type": "application/json" }),
        await post("grant_type=x", { "content-type": "multipart/form-data; boundary=x" }),
        await post("grant_type=x", { "content-type": "text/plain" }),
        await post(new Uint8Array([0x74, 0x6f, 0x6b, 0x65, 0x6e, 0x3d, 0xc3, 0x28])),
        await post(`token=${"a".repeat(70_000)}`),
      ]) {
        expect(response.status, endpoint).toBeGreaterThanOrEqual(400);
        expect(response.status, endpoint).toBeLessThan(500);
        expect(((await response.json()) as { error: string }).error).toBe("invalid_request");
      }
    }
  });

  it("userinfo answers malformed Authorization headers with 400/401, never 500", async () => {
    for (const header of [
      "Bearer",
      "Bearer ",
      "Bearer a b",
      "Basic abc",
      "Bearer \u00e9",
      `Bearer ${"a".repeat(10_000)}`,
      "Bearer a.b.c.d",
      "bearer x.y.z",
      "Bearer %00.%FF.x",
    ]) {
      let response: Response;
      try {
        response = await bed.fetch(`${OAUTH}/userinfo`, { headers: { authorization: header } });
      } catch {
        continue; // a header value the Fetch API itself refuses to send never reaches us
      }
      expect([400, 401], header).toContain(response.status);
      expect(response.headers.get("www-authenticate"), header).toMatch(/^Bearer realm=/);
    }
  });

  it("logout shows the error page for every spoiled parameter and ends nothing", async () => {
    const base: [string, string][] = [
      ["client_id", spa],
      ["post_logout_redirect_uri", enc(POST_LOGOUT)],
      ["state", "s"],
      ["ui_locales", "nl"],
    ];
    for (const [name] of base) {
      for (const [what, spoil] of SPOILERS) {
        const response = await bed.fetch(`${OAUTH}/logout?${mutate(base, name, spoil)}`);
        expect(response.status, `${name} ${what}`).toBe(302);
        expect(response.headers.get("location"), `${name} ${what}`).toBe(`${BASE}/${TENANT}/error?code=invalid_logout_request`);
      }
      for (const [what, spoil] of ODDITIES) {
        expect((await bed.fetch(`${OAUTH}/logout?${mutate(base, name, spoil)}`)).status, `${name} ${what}`).toBe(302);
      }
    }
  });

  it("the interaction resume URL survives garbage ids", async () => {
    for (const id of ["x", "%00", "a".repeat(5000), "..%2F..%2Fetc", "😀"]) {
      const response = await bed.fetch(`${OAUTH}/authorize/resume/${id}`);
      expect(response.status, id).toBe(302);
      expect(response.headers.get("location"), id).toBe(`${BASE}/${TENANT}/error?code=interaction_expired`);
    }
  });
});
