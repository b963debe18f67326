import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";

/**
 * The demo's cookies are sealed: encrypted and authenticated (JWE, `dir` + A256GCM) with a key
 * derived from AUTH_SECRET, so the browser can neither read the PKCE verifier and nonce nor change
 * the claims it is shown. Each kind of cookie has its own audience, so one cannot stand in for
 * another, and its own expiry inside the seal (the cookie's Max-Age is only advice to the browser).
 */
export type SealPurpose = "transaction" | "session" | "userinfo";

/** A 256-bit key for the demo's cookies only (HKDF, RFC 5869): AUTH_SECRET itself is used elsewhere. */
export function deriveSealingKey(secret: string | Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "guestgate-demo", "demo application cookies (A256GCM)", 32));
}

const audience = (purpose: SealPurpose) => `guestgate-demo:${purpose}`;

export async function seal(
  purpose: SealPurpose,
  payload: JWTPayload,
  key: Uint8Array,
  options: { seconds: number; now?: Date },
): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setAudience(audience(purpose))
    .setIssuedAt(now)
    .setExpirationTime(now + options.seconds)
    .encrypt(key);
}

/** The payload, or undefined for anything not sealed by us for this purpose, or expired. */
export async function unseal<T>(
  purpose: SealPurpose,
  token: string | undefined,
  key: Uint8Array,
  options: { now?: Date } = {},
): Promise<(T & JWTPayload) | undefined> {
  if (!token || token.length > 8192) return undefined;
  try {
    const { payload } = await jwtDecrypt(token, key, {
      audience: audience(purpose),
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      ...(options.now ? { currentDate: options.now } : {}),
    });
    return payload as T & JWTPayload;
  } catch {
    return undefined;
  }
}
