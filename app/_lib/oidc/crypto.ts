import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 bits from the CSPRNG, base64url (43 characters): codes, refresh tokens, secrets, cookies. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256, base64url: how secrets and single-use values are stored (docs/ARCHITECTURE.md, "Data"). */
export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url");
}

/** Constant-time comparison of two strings (lengths may leak, contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A random RFC 4122 version 4 GUID (client ids). */
export function randomGuid(): string {
  return crypto.randomUUID();
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
