import { describe, expect, it } from "vitest";
import { createProviderContext } from "../context";
import { OAuthError } from "../errors";
import type { ApplicationRecord, OpSessionRecord } from "../ports";
import { createMemoryRepositories } from "../testing/memory-repositories";
import { tenantUrls } from "../urls";
import { parseParameters } from "../web/params";
import { checkClient, checkClientRegistered } from "./check-client";
import { checkGrantAllowed } from "./check-grant-allowed";
import { checkHints } from "./check-hints";
import { checkMaxAge } from "./check-max-age";
import { checkParameters } from "./check-parameters";
import { checkPkce } from "./check-pkce";
import { checkPrompt } from "./check-prompt";
import { checkRedirectUri, checkRedirectUriRegistered } from "./check-redirect-uri";
import { checkResponseMode } from "./check-response-mode";
import { checkResponseType } from "./check-response-type";
import { checkScope } from "./check-scope";
import { checkUnsupportedParameters } from "./check-unsupported-parameters";
import { AUTHORIZE_LIMITS, AUTHORIZE_PARAMETERS, type AuthorizeContext, type AuthorizeStep } from "./context";
import { decideInteraction } from "./decide-interaction";
import { AUTHORIZE_STEPS } from "./index";
import { RESUME_STEPS } from "./resume";

const NOW = new Date("2026-06-01T12:00:00Z");
const client = (overrides: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  id: "app",
  tenantId: "woodgrove",
  clientId: "11111111-1111-4111-8111-111111111111",
  name: "SPA",
  clientType: "public",
  redirectUris: ["https://app.example/cb"],
  postLogoutRedirectUris: [],
  grantTypes: ["authorization_code", "refresh_token"],
  appRoles: [],
  permissions: [],
  createdAt: NOW,
  ...overrides,
});

function context(query: string, overrides: Partial<AuthorizeContext> = {}): AuthorizeContext {
  const { repositories } = createMemoryRepositories();
  const p = createProviderContext({
    baseUrl: "https://id.example",
    tenants: { find: () => undefined },
    repositories,
    keyEncryptionKey: undefined,
    clock: { now: () => NOW },
  });
  return {
    p,
    request: new Request(`https://id.example/woodgrove/oauth2/v2.0/authorize?${query}`),
    tenant: "woodgrove",
    urls: tenantUrls("https://id.example", "woodgrove"),
    params: parseParameters(query, { known: AUTHORIZE_PARAMETERS, maxLength: AUTHORIZE_LIMITS }),
    client: client(),
    authorization: { scope: [], prompt: [] },
    ...overrides,
  };
}

async function errorOf(step: AuthorizeStep, ctx: AuthorizeContext): Promise<OAuthError | undefined> {
  try {
    await step(ctx);
    return undefined;
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return error;
  }
}

describe("client and redirect URI come first (RFC 6749 §4.1.2.1)", () => {
  it("shows a page, never redirects, for a missing, malformed, repeated or unknown client_id", async () => {
    for (const query of [
      "",
      "client_id=nope",
      "client_id=a&client_id=b",
      "client_id=%FF",
      "client_id=11111111-1111-4111-8111-111111111111",
    ]) {
      const error = await errorOf(checkClient, context(query, { client: undefined }));
      expect(error?.page, query).toMatch(/^(invalid_request|unknown_client)$/);
    }
  });
  it("shows a page for a missing, unregistered or repeated redirect_uri", async () => {
    for (const query of [
      "",
      "redirect_uri=https://evil.example/cb",
      "redirect_uri=https://app.example/cb&redirect_uri=https://app.example/cb",
      "redirect_uri=https://app.example/cb/",
    ]) {
      const error = await errorOf(checkRedirectUri, context(query));
      expect([error?.page, error?.code], query).toEqual(["invalid_redirect_uri", "invalid_request"]);
    }
  });
  it("accepts the registered redirect_uri exactly", async () => {
    const ctx = context("redirect_uri=https%3A%2F%2Fapp.example%2Fcb");
    expect(await errorOf(checkRedirectUri, ctx)).toBeUndefined();
    expect(ctx.redirectUri).toBe("https://app.example/cb");
  });
});

describe("parameter problems after the client is known (RFC 6749 §3.1)", () => {
  it("are invalid_request, sent to the client", async () => {
    const error = await errorOf(checkParameters, context("scope=openid&scope=openid"));
    expect([error?.code, error?.page]).toEqual(["invalid_request", undefined]);
  });
  it("keep a clean state to echo, and drop a faulty one", async () => {
    const clean = context("state=abc&nonce=%00");
    await errorOf(checkParameters, clean);
    expect(clean.state).toBe("abc");
    const faulty = context("state=a%00");
    await errorOf(checkParameters, faulty);
    expect(faulty.state).toBeUndefined();
  });
});

describe("response_type (OAuth 2.0 Multiple Response Types; RFC 9700 §2.1.2)", () => {
  it.each([
    ["", "invalid_request"],
    ["response_type=token", "unsupported_response_type"],
    ["response_type=id_token", "unsupported_response_type"],
    ["response_type=code+id_token", "unsupported_response_type"],
    ["response_type=CODE", "unsupported_response_type"],
  ])("%s → %s", async (query, code) => {
    expect((await errorOf(checkResponseType, context(query)))?.code).toBe(code);
  });
  it("accepts code", async () => {
    expect(await errorOf(checkResponseType, context("response_type=code"))).toBeUndefined();
  });
  it("accepts response_mode=query only", async () => {
    expect(await errorOf(checkResponseMode, context("response_mode=query"))).toBeUndefined();
    expect((await errorOf(checkResponseMode, context("response_mode=fragment")))?.code).toBe("invalid_request");
    expect((await errorOf(checkResponseMode, context("response_mode=form_post")))?.code).toBe("invalid_request");
  });
});

describe("request objects and registration (OIDC Core §6, §3.1.2.6)", () => {
  it.each([
    ["request=eyJ", "request_not_supported"],
    ["request_uri=https://x.example/r", "request_uri_not_supported"],
    ["registration=%7B%7D", "registration_not_supported"],
  ])("%s → %s", async (query, code) => {
    expect((await errorOf(checkUnsupportedParameters, context(query)))?.code).toBe(code);
  });
});

describe("scope (OIDC Core §3.1.2.1, §11)", () => {
  it("requires openid", async () => {
    expect((await errorOf(checkScope, context("scope=profile")))?.code).toBe("invalid_scope");
  });
  it("refuses unknown scopes", async () => {
    expect((await errorOf(checkScope, context("scope=openid+User.Read")))?.code).toBe("invalid_scope");
  });
  it("keeps offline_access only for a client that may refresh", async () => {
    const allowed = context("scope=openid+offline_access+openid");
    await checkScope(allowed);
    expect(allowed.authorization.scope).toEqual(["openid", "offline_access"]);
    const denied = context("scope=openid+offline_access", { client: client({ grantTypes: ["authorization_code"] }) });
    await checkScope(denied);
    expect(denied.authorization.scope).toEqual(["openid"]);
  });
});

describe("delegated Graph scopes", () => {
  const graph = (scope: string) => `scope=openid+${encodeURIComponent(scope)}`;
  it("grants a Graph permission the application was granted, in one spelling whatever name the client used", async () => {
    const ctx = context(graph("https://graph.microsoft.com/User.Read.All"), {
      client: client({ permissions: ["User.Read.All"] }),
    });
    await checkScope(ctx);
    expect(ctx.authorization.scope).toEqual(["openid", "https://id.example/woodgrove/graph/User.Read.All"]);
    const all = context(graph("https://id.example/woodgrove/graph/.default"), {
      client: client({ permissions: ["User.Read.All", "Group.Read.All"] }),
    });
    await checkScope(all);
    expect(all.authorization.scope).toEqual([
      "openid",
      "https://id.example/woodgrove/graph/User.Read.All",
      "https://id.example/woodgrove/graph/Group.Read.All",
    ]);
  });
  it("refuses a Graph permission no administrator granted the application (there is no consent screen)", async () => {
    const error = await errorOf(checkScope, context(graph("https://graph.microsoft.com/User.ReadWrite.All")));
    expect(error?.code).toBe("invalid_scope");
    expect(error?.message).toContain("User.ReadWrite.All has not been granted");
    expect((await errorOf(checkScope, context(graph("https://graph.microsoft.com/Mail.Send"))))?.code).toBe("invalid_scope");
    expect((await errorOf(checkScope, context(graph("https://id.example/sparbanken/graph/User.Read.All"))))?.code).toBe(
      "invalid_scope",
    );
  });
});

describe("PKCE (RFC 7636)", () => {
  const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  it("accepts S256 with a 43-character challenge", async () => {
    const ctx = context(`code_challenge=${challenge}&code_challenge_method=S256`);
    expect(await errorOf(checkPkce, ctx)).toBeUndefined();
    expect(ctx.authorization).toMatchObject({ codeChallenge: challenge, codeChallengeMethod: "S256" });
  });
  it.each([
    ["plain is rejected", `code_challenge=${challenge}&code_challenge_method=plain`],
    ["a challenge without a method means plain (§4.3), rejected", `code_challenge=${challenge}`],
    ["an unknown method is rejected", `code_challenge=${challenge}&code_challenge_method=S512`],
    ["a method without a challenge is rejected", "code_challenge_method=S256"],
    ["a challenge of the wrong length is rejected", `code_challenge=${challenge}x&code_challenge_method=S256`],
    [
      "a challenge with non-base64url characters is rejected",
      `code_challenge=${challenge.slice(0, 42)}%2B&code_challenge_method=S256`,
    ],
    ["a public client without PKCE is rejected", ""],
  ])("%s (invalid_request)", async (_what, query) => {
    expect((await errorOf(checkPkce, context(query)))?.code).toBe("invalid_request");
  });
  it("is optional for a confidential client", async () => {
    expect(await errorOf(checkPkce, context("", { client: client({ clientType: "confidential" }) }))).toBeUndefined();
  });
});

describe("prompt (OIDC Core §3.1.2.1)", () => {
  it.each(["none", "login", "consent", "select_account", "login+consent", "consent+select_account+login"])(
    "accepts %s",
    async (prompt) => {
      expect(await errorOf(checkPrompt, context(`prompt=${prompt}`))).toBeUndefined();
    },
  );
  it.each(["none+login", "consent+none", "none+none", "login+login", "create", "NONE"])(
    "rejects %s with invalid_request",
    async (prompt) => {
      expect((await errorOf(checkPrompt, context(`prompt=${prompt}`)))?.code).toBe("invalid_request");
    },
  );
});

describe("max_age and hints (OIDC Core §3.1.2.1)", () => {
  it.each(["-1", "1.5", "abc", "12345678901", "0x10"])("rejects max_age=%s", async (value) => {
    expect((await errorOf(checkMaxAge, context(`max_age=${value}`)))?.code).toBe("invalid_request");
  });
  it("accepts max_age=0", async () => {
    const ctx = context("max_age=0");
    await checkMaxAge(ctx);
    expect(ctx.authorization.maxAge).toBe(0);
  });
  it("accepts the defined display values and keeps the hints", async () => {
    const ctx = context("display=popup&login_hint=ada%40example.com&ui_locales=nl-BE+en&acr_values=urn%3Amace&nonce=n-1");
    await checkHints(ctx);
    expect(ctx.authorization).toMatchObject({
      display: "popup",
      loginHint: "ada@example.com",
      uiLocales: "nl-BE en",
      acrValues: "urn:mace",
      nonce: "n-1",
    });
    expect((await errorOf(checkHints, context("display=fullscreen")))?.code).toBe("invalid_request");
  });
});

describe("when the person must act (OIDC Core §3.1.2.3, §3.1.2.6)", () => {
  const session = (authTime: Date, guestId = "guest-1"): OpSessionRecord => ({
    id: "s",
    tenantId: "woodgrove",
    guestId,
    sid: "sid",
    authTime,
    amr: [],
    acr: null,
    remember: false,
    expiresAt: new Date(NOW.getTime() + 1000),
    endedAt: null,
  });
  const decide = (authorization: Partial<AuthorizeContext["authorization"]>, live?: OpSessionRecord) => {
    const ctx = context("", { session: live, authorization: { scope: ["openid"], prompt: [], ...authorization } });
    decideInteraction(ctx);
    return ctx.interaction;
  };
  const recent = session(new Date(NOW.getTime() - 60_000));

  it("is silent with a live session", () => expect(decide({}, recent)).toBeUndefined());
  it("asks without a session", () => expect(decide({})).toBe("no_session"));
  it("asks on prompt=login, select_account, consent", () => {
    expect(decide({ prompt: ["login"] }, recent)).toBe("login_requested");
    expect(decide({ prompt: ["select_account"] }, recent)).toBe("select_account");
    expect(decide({ prompt: ["consent"] }, recent)).toBe("consent_requested");
  });
  it("asks when the authentication is older than max_age, and always for max_age=0", () => {
    expect(decide({ maxAge: 30 }, recent)).toBe("max_age");
    expect(decide({ maxAge: 120 }, recent)).toBeUndefined();
    expect(decide({ maxAge: 0 }, session(NOW))).toBe("max_age");
  });
  it("asks when id_token_hint names someone else", () => {
    expect(decide({ expectedSubject: "guest-2" }, recent)).toBe("other_subject");
    expect(decide({ expectedSubject: "guest-1" }, recent)).toBeUndefined();
  });
  it("answers login_required instead of asking under prompt=none", () => {
    for (const [authorization, live] of [
      [{ prompt: ["none"] }, undefined],
      [{ prompt: ["none"], maxAge: 1 }, recent],
      [{ prompt: ["none"], expectedSubject: "x" }, recent],
    ] as const) {
      const ctx = context("", {
        session: live,
        authorization: { scope: ["openid"], ...authorization, prompt: [...authorization.prompt] },
      });
      expect(() => decideInteraction(ctx)).toThrowError(expect.objectContaining({ code: "login_required" }));
    }
  });
});

describe("resume repeats authorize's checks (the same functions, not copies)", () => {
  it("runs the client, redirect-URI and grant checks before the journey's result is read", () => {
    const at = (step: unknown) => RESUME_STEPS.indexOf(step as (typeof RESUME_STEPS)[number]);
    expect(AUTHORIZE_STEPS).toContain(checkGrantAllowed);
    for (const step of [checkClientRegistered, checkRedirectUriRegistered, checkGrantAllowed])
      expect(at(step)).toBeGreaterThan(-1);
    expect(at(checkClientRegistered)).toBeLessThan(at(checkRedirectUriRegistered));
    expect(at(checkRedirectUriRegistered)).toBeLessThan(at(checkGrantAllowed));
    expect(RESUME_STEPS.map((step) => step.name).slice(-3)).toEqual([
      "checkInteractionResult",
      "checkExpectedSubject",
      "checkGuest",
    ]);
  });
  it("checks a stored request's client and redirect URI like a fresh one", async () => {
    const stored = context("", {
      client: undefined,
      authorization: { scope: [], prompt: [], clientId: "nope", redirectUri: "https://app.example/cb" },
    });
    expect((await errorOf(checkClientRegistered, stored))?.page).toBe("unknown_client");
    const moved = context("", { authorization: { scope: [], prompt: [], redirectUri: "https://app.example/old" } });
    expect([(await errorOf(checkRedirectUriRegistered, moved))?.page, moved.redirectUri]).toEqual([
      "invalid_redirect_uri",
      undefined,
    ]);
    const kept = context("", { authorization: { scope: [], prompt: [], redirectUri: "https://app.example/cb" } });
    expect(await errorOf(checkRedirectUriRegistered, kept)).toBeUndefined();
    expect(kept.redirectUri).toBe("https://app.example/cb");
  });
});
