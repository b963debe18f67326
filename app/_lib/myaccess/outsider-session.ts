import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { OutsiderIdentity } from "../access";

/**
 * The My Access session of someone identified by a proven address who is not yet in the directory
 * (the myAccess journey's `identified` end). Not an OP session: no application can get a token
 * from it, it only lets My Access show the packages open to people outside the directory and file
 * their requests. A cookie of the tenant's My Access path, signed with a key of its own, for an hour.
 */
export const OUTSIDER_COOKIE = "gg_myaccess_outsider";
const MAX_AGE_SECONDS = 3600;

const claims = z.object({
  tenant: z.string(),
  issuer: z.string().min(1),
  subject: z.string().min(1),
  email: z.string().email(),
  expiresAt: z.number().int(),
});

export interface OutsiderSessions {
  /** The Set-Cookie header that starts the session for this identity in the tenant. */
  start(tenantSlug: string, identity: OutsiderIdentity): string;
  /** The identity of a cookie value of this tenant, or null for none, expired, forged or another tenant's. */
  read(tenantSlug: string, value: string | undefined): OutsiderIdentity | null;
}

export function createOutsiderSessions(key: Uint8Array, options: { secure: boolean; now?: () => number }): OutsiderSessions {
  const now = options.now ?? (() => Date.now());
  const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");
  return {
    start(tenantSlug, identity) {
      const payload = Buffer.from(
        JSON.stringify({ tenant: tenantSlug, ...identity, expiresAt: now() + MAX_AGE_SECONDS * 1000 }),
      ).toString("base64url");
      const secure = options.secure ? "; Secure" : "";
      return `${OUTSIDER_COOKIE}=${payload}.${sign(payload)}; Path=/${tenantSlug}/myaccess; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
    },
    read(tenantSlug, value) {
      if (!value || value.length > 4000) return null;
      const [payload, signature, extra] = value.split(".");
      if (!payload || !signature || extra !== undefined) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      let parsed;
      try {
        parsed = claims.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
      } catch {
        return null;
      }
      if (!parsed.success || parsed.data.tenant !== tenantSlug || parsed.data.expiresAt <= now()) return null;
      return { issuer: parsed.data.issuer, subject: parsed.data.subject, email: parsed.data.email };
    },
  };
}
