import type { JourneyBinding } from "./types";

export const JOURNEY_COOKIE = "gg_journey";

/**
 * The cookie that binds a journey to its browser: only sent to that journey's own paths, HttpOnly,
 * SameSite=Lax (the federation callback is a top-level GET from the upstream provider).
 */
export function journeyCookie(binding: JourneyBinding, secure: boolean): string {
  return `${JOURNEY_COOKIE}=${binding.nonce}; Path=/${binding.tenantId}/journey/${binding.journeyId}; Max-Age=${binding.maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
