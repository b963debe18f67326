import type { NextAuthConfig } from "next-auth";
import { federationBasePath, federationCookies, RESULT_MAX_AGE_SECONDS } from "./cookies";
import { describeFailure, noteFailure } from "./failures";
import { normaliseUpstreamIdentity, type RawProfile } from "./normalise";
import type { UpstreamProviders } from "./providers";
import { identityClaims } from "./result-token";
import { validReturnUrl } from "./return-to";

export interface AuthConfigInput {
  slug: string;
  /** GUESTGATE_BASE_URL: every URL Auth.js builds starts here. */
  baseUrl: string;
  secret: string;
  upstream: UpstreamProviders;
  warn(message: string): void;
}

/** Where Auth.js sends a failed trip; handle.ts intercepts that redirect and tells the journey why. */
export const failurePath = (slug: string): string => `${federationBasePath(slug)}/failed`;

/**
 * One tenant's Auth.js. Auth.js is only the road to the upstream (docs/ARCHITECTURE.md, "Journeys"), so:
 * - no database adapter: Auth.js's users/accounts/sessions tables would be a second directory. The
 *   identities table is Guestgate's, keyed by (tenant, issuer, subject), and the journey writes it;
 * - a JWT "session" that lives minutes and carries only the normalised upstream answer (result-token.ts);
 * - its pages (sign-in, error) are never shown: failures become a typed reason for the journey.
 */
export function authConfigFor({ slug, baseUrl, secret, upstream, warn }: AuthConfigInput): NextAuthConfig {
  const secure = new URL(baseUrl).protocol === "https:";
  return {
    basePath: federationBasePath(slug),
    secret,
    // Auth.js builds its URLs (redirect_uri included) from the request URL, and only distrusts that
    // URL's host. handle.ts replaces the origin with GUESTGATE_BASE_URL before Auth.js sees a
    // request, so the host is configuration, never Host or X-Forwarded-Host.
    trustHost: true,
    useSecureCookies: secure,
    providers: upstream.providers,
    session: { strategy: "jwt", maxAge: RESULT_MAX_AGE_SECONDS },
    cookies: federationCookies(slug, secure),
    pages: { signIn: failurePath(slug), error: failurePath(slug) },
    callbacks: {
      signIn: () => true,
      // Auth.js only checks the origin; the return address must also stay inside this tenant.
      redirect: ({ url }) => validReturnUrl(slug, baseUrl, url) ?? `${new URL(baseUrl).origin}/${slug}`,
      jwt: ({ token, account, profile }) => {
        if (!account || !profile) return token;
        const config = upstream.configs.get(account.provider);
        if (!config) throw new Error(`no identity provider "${account.provider}" in tenant ${slug}`);
        return identityClaims(normaliseUpstreamIdentity(config, account, profile as RawProfile));
      },
    },
    logger: {
      error: (error) => {
        noteFailure(error);
        warn(`federation (${slug}): ${describeFailure(error)}`);
      },
      warn: (code) => warn(`federation (${slug}): Auth.js warning ${code}`),
      debug: () => {},
    },
  };
}
