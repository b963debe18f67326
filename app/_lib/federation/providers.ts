import { customFetch } from "next-auth";
import type { Provider } from "next-auth/providers";
import Facebook from "next-auth/providers/facebook";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import type { IdentityProviderConfig } from "../tenant";
import { entraDiscoveryFetch } from "./entra-issuer";
import { probingFetch } from "./failures";
import { providerName } from "./provider-names";
import { githubUserinfoRequest } from "./github-userinfo";
import type { OfferedProvider, UpstreamProviderConfig } from "./types";

/** OpenID upstreams: PKCE (RFC 7636) against code injection, state (RFC 6749 §10.12), nonce (OIDC Core §3.1.2.1). */
const OIDC_CHECKS: Array<"pkce" | "state" | "nonce"> = ["pkce", "state", "nonce"];
/** OAuth-only upstreams have no ID token to carry a nonce; state covers servers that ignore PKCE. */
const OAUTH_CHECKS: Array<"pkce" | "state"> = ["pkce", "state"];
/** Only what identifies the person: no Graph `User.Read`, no offline access. */
const OPENID_SCOPE = "openid profile email";

export const entraIssuer = (config: Extract<UpstreamProviderConfig, { kind: "microsoft-entra" }>): string =>
  config.issuer ?? `https://login.microsoftonline.com/${config.audience}/v2.0`;

/**
 * Auth.js's `profile()` result only feeds its own user object, which Guestgate ignores (the jwt
 * callback normalises the raw profile). Replacing it keeps the built-ins from calling out: Entra's
 * fetches a Graph photo with the access token, Facebook's reads `picture.data.url` and throws without one.
 */
function idOnlyProfile(answer: object) {
  const profile = answer as Record<string, unknown>;
  return {
    id: String(profile.sub ?? profile.id ?? ""),
    name: typeof profile.name === "string" ? profile.name : null,
    email: typeof profile.email === "string" ? profile.email : null,
  };
}

type Built = { provider: Provider; offered: OfferedProvider };

/**
 * Local imitations of the OAuth-only upstreams, for test runs (env.ts accepts only loopback origins,
 * and only while Guestgate itself is on loopback). Only the endpoint URLs change: the provider, its
 * checks and the userinfo request are the same as in production.
 */
export interface UpstreamImitations {
  github?: string;
  facebook?: string;
}

/** GitHub's endpoints at an imitation's origin (the web and API paths share it). */
const githubEndpoints = (origin: string) => ({
  authorization: { url: `${origin}/login/oauth/authorize` },
  token: `${origin}/login/oauth/access_token`,
  userinfo: { url: `${origin}/user` },
});

/** The Graph API fields we use; no picture (and no `picture.data.url` to trip over). */
const FACEBOOK_FIELDS = "fields=id,name,email,first_name,last_name";

/** Facebook's endpoints at an imitation's origin (the dialog and the Graph API share it). */
const facebookEndpoints = (origin: string) => ({
  authorization: { url: `${origin}/v19.0/dialog/oauth` },
  token: `${origin}/oauth/access_token`,
  userinfo: { url: `${origin}/me?${FACEBOOK_FIELDS}` },
});

function build(config: UpstreamProviderConfig, clientSecret: string, imitations: UpstreamImitations): Built {
  const fetchWithProbe = probingFetch();
  const common = { id: config.id, clientId: config.clientId, clientSecret, profile: idOnlyProfile };
  const offered: OfferedProvider = { id: config.id, kind: config.kind, ...providerName(config) };
  switch (config.kind) {
    case "microsoft-entra": {
      const issuer = entraIssuer(config);
      const provider = MicrosoftEntraID({
        ...common,
        issuer,
        checks: OIDC_CHECKS,
        authorization: { params: { scope: OPENID_SCOPE } },
      });
      // The built-in object carries its own discovery rewrite, which only knows login.microsoftonline.com
      // and always takes precedence over an option, so it is replaced on the object itself.
      (provider as unknown as Record<symbol, unknown>)[customFetch] = entraDiscoveryFetch(
        { issuer, audience: config.audience },
        fetchWithProbe,
      );
      return { provider, offered };
    }
    case "google":
      return {
        provider: Google({ ...common, issuer: config.issuer, checks: OIDC_CHECKS, [customFetch]: fetchWithProbe }),
        offered,
      };
    case "github": {
      const imitation = imitations.github ? githubEndpoints(imitations.github) : undefined;
      return {
        provider: GitHub({
          ...common,
          ...imitation,
          checks: OAUTH_CHECKS,
          userinfo: { ...imitation?.userinfo, request: githubUserinfoRequest(fetchWithProbe) },
          [customFetch]: fetchWithProbe,
        }),
        offered,
      };
    }
    case "facebook": {
      const imitation = imitations.facebook ? facebookEndpoints(imitations.facebook) : undefined;
      return {
        provider: Facebook({
          ...common,
          ...imitation,
          checks: OAUTH_CHECKS,
          userinfo: imitation?.userinfo ?? { url: `https://graph.facebook.com/me?${FACEBOOK_FIELDS}` },
          [customFetch]: fetchWithProbe,
        }),
        offered,
      };
    }
    case "oidc":
      return {
        provider: {
          ...common,
          name: config.displayName,
          type: "oidc",
          issuer: config.issuer,
          checks: OIDC_CHECKS,
          authorization: { params: { scope: OPENID_SCOPE } },
          [customFetch]: fetchWithProbe,
        },
        offered,
      };
  }
}

export interface UpstreamProviders {
  /** Auth.js providers, one per available upstream, with the tenants.json id. */
  providers: Provider[];
  offered: OfferedProvider[];
  configs: Map<string, UpstreamProviderConfig>;
  /** Configured but not offered, with the reason for the start-up warning. */
  unavailable: Array<{ id: string; problem: string }>;
}

/** The tenant's upstreams as Auth.js providers. A missing secret makes one unavailable, never a crash. */
export function buildUpstreamProviders(
  identityProviders: readonly IdentityProviderConfig[],
  secretFromEnvironment: (name: string) => string | undefined,
  imitations: UpstreamImitations = {},
): UpstreamProviders {
  const result: UpstreamProviders = { providers: [], offered: [], configs: new Map(), unavailable: [] };
  for (const config of identityProviders) {
    if (config.kind === "email-otp") continue; // Guestgate's own passcodes, not a trip upstream
    const secret = secretFromEnvironment(config.clientSecretEnv);
    if (!secret) {
      result.unavailable.push({ id: config.id, problem: `environment variable ${config.clientSecretEnv} is not set` });
      continue;
    }
    const { provider, offered } = build(config, secret, imitations);
    result.providers.push(provider);
    result.offered.push(offered);
    result.configs.set(config.id, config);
  }
  return result;
}
