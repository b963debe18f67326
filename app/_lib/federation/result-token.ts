import { decode, encode } from "next-auth/jwt";
import { z } from "zod";
import { RESULT_MAX_AGE_SECONDS } from "./cookies";
import type { UpstreamIdentity, UpstreamOutcome } from "./types";

/**
 * The Auth.js "session" here is not a session: it is the upstream's answer in transit to the journey,
 * in Auth.js's encrypted JWT (JWE, A256CBC-HS512, key derived from AUTH_SECRET with the cookie name
 * as salt). It holds our normalised outcome and nothing else (no upstream tokens), so it stays small.
 */
const CLAIM = "federation";

const identitySchema = z.strictObject({
  providerId: z.string(),
  kind: z.enum(["microsoft-entra", "google", "facebook", "github", "oidc"]),
  issuer: z.string().min(1),
  subject: z.string().min(1),
  email: z.string().optional(),
  emailVerified: z.boolean(),
  name: z.string().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
});
const outcomeSchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), identity: identitySchema }),
  z.strictObject({
    ok: z.literal(false),
    reason: z.enum(["cancelled", "upstreamError", "unreachable", "unavailable"]),
    providerId: z.string().optional(),
  }),
]);

/** The JWT payload the jwt callback returns on sign-in (Auth.js adds iat, exp, jti when encoding). */
export const identityClaims = (identity: UpstreamIdentity) => ({ [CLAIM]: { ok: true, identity } satisfies UpstreamOutcome });

export function encodeOutcome(outcome: UpstreamOutcome, secret: string, cookieName: string): Promise<string> {
  return encode({ token: { [CLAIM]: outcome }, secret, salt: cookieName, maxAge: RESULT_MAX_AGE_SECONDS });
}

export interface DecodedResult {
  outcome: UpstreamOutcome;
  /** When the token was sealed and until when it is valid (its `iat` and `exp`). */
  issuedAt: Date;
  expiresAt: Date;
}

/** A result cookie's content; undefined when absent, expired, tampered with or from another tenant. */
export async function decodeResult(token: string, secret: string, cookieName: string): Promise<DecodedResult | undefined> {
  try {
    const payload = await decode({ token, secret, salt: cookieName });
    const parsed = outcomeSchema.safeParse(payload?.[CLAIM]);
    if (!parsed.success || typeof payload?.exp !== "number" || typeof payload.iat !== "number") return undefined;
    return {
      outcome: parsed.data as UpstreamOutcome,
      issuedAt: new Date(payload.iat * 1000),
      expiresAt: new Date(payload.exp * 1000),
    };
  } catch {
    return undefined;
  }
}

/** The outcome in a result cookie; undefined when absent, expired, tampered with or from another tenant. */
export async function decodeOutcome(token: string, secret: string, cookieName: string): Promise<UpstreamOutcome | undefined> {
  return (await decodeResult(token, secret, cookieName))?.outcome;
}
