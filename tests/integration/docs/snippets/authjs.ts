// Auth.js (next-auth v5) with a Guestgate tenant as a generic OpenID Connect provider.
import NextAuth from "next-auth";
import type { OIDCConfig } from "next-auth/providers";

/** The ID token's claims (see "What the tokens contain"). */
export interface GuestgateProfile extends Record<string, unknown> {
  sub: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
}

export function Guestgate(options: { issuer: string; clientId: string; clientSecret: string }): OIDCConfig<GuestgateProfile> {
  return {
    id: "guestgate",
    name: "Guestgate",
    type: "oidc",
    issuer: options.issuer, // e.g. https://id.example.com/woodgrove/v2.0: endpoints come from its discovery document
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid profile email" } },
  };
}

/**
 * auth.ts of the app: `export const { handlers, auth, signIn, signOut } = createAuth(process.env)`.
 * Register `{AUTH_URL}/api/auth/callback/guestgate` as the application's redirect URI.
 */
export function createAuth(env: Record<string, string | undefined>) {
  return NextAuth({
    providers: [
      Guestgate({
        issuer: env.GUESTGATE_ISSUER!,
        clientId: env.GUESTGATE_CLIENT_ID!,
        clientSecret: env.GUESTGATE_CLIENT_SECRET!,
      }),
    ],
    secret: env.AUTH_SECRET,
    trustHost: true,
  });
}
