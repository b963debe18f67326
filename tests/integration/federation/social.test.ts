// GitHub and Facebook over their own protocols: Auth.js's real GitHub and Facebook providers, as
// Guestgate configures them, pointed at local imitations (tests/mocks/social) of GitHub's OAuth app
// endpoints and REST API and of Facebook Login and the Graph API. What reaches the journey is the
// normalised identity: keyed by (issuer, the upstream's user id), with the e-mail verified only when
// the upstream says so — GitHub's primary address with `verified: true`; Facebook never says.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTakenResultStore } from "../../../app/_lib/db";
import { createFederation, FACEBOOK_ISSUER, GITHUB_ISSUER, type Federation } from "../../../app/_lib/federation";
import { createTenantDirectory, parseTenantsConfig, type Tenant } from "../../../app/_lib/tenant";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { startFacebookImitation, type FacebookImitation } from "../../mocks/social/facebook";
import { startGitHubImitation, type GitHubImitation } from "../../mocks/social/github";
import { Browser, type Page } from "./browser";

const BASE = "https://id.guestgate.test";
const TENANT = "fabrikam";
const callback = (id: string) => `${BASE}/${TENANT}/federation/callback/${id}`;
const secrets: Record<string, string> = {
  GITHUB_SECRET: randomBytes(16).toString("hex"),
  FACEBOOK_SECRET: randomBytes(16).toString("hex"),
};

let database: TestDatabase;
let github: GitHubImitation;
let facebook: FacebookImitation;
let federation: Federation;
let tenant: Tenant;
const warnings: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  github = await startGitHubImitation({
    clients: [{ clientId: "gh-app", clientSecret: secrets.GITHUB_SECRET!, redirectUris: [callback("github")] }],
    accounts: [
      {
        id: 583231,
        login: "octocat",
        name: "The Octocat",
        publicEmail: "octocat@public.example",
        emails: [
          { email: "octocat@public.example", primary: false, verified: true, visibility: "public" },
          { email: "octocat@primary.example", primary: true, verified: true, visibility: "private" },
        ],
      },
      {
        id: 9001,
        login: "newbie",
        name: null,
        publicEmail: null,
        emails: [{ email: "newbie@unconfirmed.example", primary: true, verified: false, visibility: null }],
      },
    ],
  });
  facebook = await startFacebookImitation({
    clients: [{ clientId: "fb-app", clientSecret: secrets.FACEBOOK_SECRET!, redirectUris: [callback("facebook")] }],
    accounts: [
      {
        id: "10158872346",
        login: "zuck",
        name: "Mark Example",
        first_name: "Mark",
        last_name: "Example",
        email: "mark@fb.example",
      },
    ],
  });
  const config = parseTenantsConfig(
    JSON.stringify({
      tenants: [
        {
          id: "f0b1c2d3-0000-4000-8000-00000000fab1",
          slug: TENANT,
          displayName: "Fabrikam",
          branding: {
            logo: "/x.svg",
            favicon: "/x.svg",
            primaryColor: "#1d6b3a",
            accentColor: "#c8e6b0",
            backgroundColor: "#ffffff",
          },
          locales: { enabled: ["en"], default: "en" },
          identityProviders: [
            { kind: "github", id: "github", clientId: "gh-app", clientSecretEnv: "GITHUB_SECRET" },
            { kind: "facebook", id: "facebook", clientId: "fb-app", clientSecretEnv: "FACEBOOK_SECRET" },
          ],
        },
      ],
    }),
    "test",
  );
  const tenants = createTenantDirectory(config);
  tenant = tenants.find(TENANT)!;
  federation = createFederation({
    baseUrl: BASE,
    authSecret: randomBytes(32).toString("base64url"),
    tenants,
    secretFromEnvironment: (name) => secrets[name],
    takenResults: createTakenResultStore(database.prisma),
    imitations: { github: github.origin, facebook: facebook.origin },
    warn: (message) => warnings.push(message),
    cookies: () => Promise.reject(new Error("tests pass their cookie store")),
  });
});

afterAll(async () => {
  await database?.drop();
  await github?.stop();
  await facebook?.stop();
});

/** One trip: start at the journey, sign in on the imitation's login page, take the result. */
async function trip(providerId: string, login: string | "cancel") {
  const browser = new Browser(BASE, (request) => federation.handle(request, TENANT));
  const id = randomBytes(6).toString("hex");
  const at = `${BASE}/${TENANT}/journey/${id}/federated`;
  const start = await federation.startFederation(tenant, providerId, {
    returnTo: `/${TENANT}/journey/${id}/federated`,
    cookies: browser.storeFor(`${BASE}/${TENANT}/journey/${id}`),
  });
  if (!start.ok) throw new Error(`start failed: ${start.reason}`);
  const loginPage = await browser.visit(start.location);
  expect(loginPage.status).toBe(200);
  const stopAt = (url: URL) => url.href === at;
  let back: Page;
  if (login === "cancel") {
    const cancel = /<a href="([^"]+)">Cancel<\/a>/.exec(loginPage.body)?.[1];
    back = await browser.visit(new URL(cancel!, loginPage.url).href, { stopAt });
  } else {
    const action = /<form[^>]*action="([^"]+)"/.exec(loginPage.body)?.[1];
    const body = new URLSearchParams({ login, password: "any password" });
    back = await browser.visit(new URL(action!, loginPage.url).href, { method: "POST", body, stopAt });
  }
  expect(back.url, "the browser comes back to the journey").toBe(at);
  return {
    authorize: new URL(start.location),
    outcome: await federation.takeUpstreamIdentity(tenant, { cookies: browser.storeFor(at) }),
  };
}

describe("GitHub, through Auth.js's GitHub provider and an imitation of GitHub's OAuth app and REST API", () => {
  it("says at start-up that GitHub and Facebook are imitations", () => {
    expect(warnings).toContainEqual(expect.stringContaining(`github is answered by a local imitation at ${github.origin}`));
    expect(warnings).toContainEqual(expect.stringContaining(`facebook is answered by a local imitation at ${facebook.origin}`));
  });

  it("asks for the profile and the addresses with PKCE and state, and keys the identity by GitHub's user id", async () => {
    const { authorize, outcome } = await trip("github", "octocat");
    expect(authorize.origin + authorize.pathname).toBe(`${github.origin}/login/oauth/authorize`);
    expect(authorize.searchParams.get("scope")).toBe("read:user user:email");
    expect(authorize.searchParams.get("redirect_uri")).toBe(callback("github"));
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("state")).toBeTruthy();
    // The primary address (not the public one), verified because GitHub says so.
    expect(outcome).toEqual({
      ok: true,
      identity: {
        providerId: "github",
        kind: "github",
        issuer: GITHUB_ISSUER,
        subject: "583231",
        email: "octocat@primary.example",
        emailVerified: true,
        name: "The Octocat",
      },
    });
    const token = github.seen.find((request) => request.path === "/login/oauth/access_token");
    expect(token?.params.code_verifier, "the code is redeemed with its PKCE verifier").toMatch(/^[\w-]{43,128}$/);
    expect(github.seen.map((request) => request.path)).toEqual(expect.arrayContaining(["/user", "/user/emails"]));
  });

  it("does not count a primary address GitHub has not verified as a verified e-mail", async () => {
    const { outcome } = await trip("github", "newbie");
    expect(outcome).toEqual({
      ok: true,
      identity: {
        providerId: "github",
        kind: "github",
        issuer: GITHUB_ISSUER,
        subject: "9001",
        email: "newbie@unconfirmed.example",
        emailVerified: false,
        name: "newbie",
      },
    });
  });

  it("says `cancelled` when the person denies the app (access_denied)", async () => {
    expect((await trip("github", "cancel")).outcome).toEqual({ ok: false, reason: "cancelled", providerId: "github" });
  });
});

describe("Facebook, through Auth.js's Facebook provider and an imitation of Facebook Login and the Graph API", () => {
  it("asks for the email permission, reads /me with the fields Guestgate uses, and never calls the e-mail verified", async () => {
    const { authorize, outcome } = await trip("facebook", "zuck");
    expect(authorize.origin + authorize.pathname).toBe(`${facebook.origin}/v19.0/dialog/oauth`);
    expect(authorize.searchParams.get("scope")).toBe("email");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(outcome).toEqual({
      ok: true,
      identity: {
        providerId: "facebook",
        kind: "facebook",
        issuer: FACEBOOK_ISSUER,
        subject: "10158872346",
        email: "mark@fb.example",
        emailVerified: false,
        name: "Mark Example",
        givenName: "Mark",
        familyName: "Example",
      },
    });
    const me = facebook.seen.find((request) => request.path === "/me");
    expect(me?.params.fields).toBe("id,name,email,first_name,last_name");
  });

  it("says `cancelled` when the person backs out of the dialog (error_reason=user_denied)", async () => {
    expect((await trip("facebook", "cancel")).outcome).toEqual({ ok: false, reason: "cancelled", providerId: "facebook" });
  });
});
