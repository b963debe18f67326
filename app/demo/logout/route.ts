import { isSameOriginPost } from "../../_lib/http";
import { SESSION_COOKIE, USERINFO_COOKIE } from "../_lib/config";
import { clearDemoCookie, demo, notFoundResponse, readSealed, seeOther } from "../_lib/demo";
import type { DemoSession } from "../_lib/session";

export const dynamic = "force-dynamic";

/**
 * POST /demo/logout (the result page's sign-out button): forgets the demo's session, then sends
 * the browser to the tenant's end_session_endpoint with id_token_hint (RP-Initiated Logout §2), so
 * Guestgate ends its session without asking, and post_logout_redirect_uri when the registered one
 * applies. Statuses: 303; 403 cross-site post; 404 demo off.
 */
export async function POST(request: Request): Promise<Response> {
  const current = demo();
  if (!current?.origin || !current.relyingParty) return notFoundResponse();
  if (!isSameOriginPost(request.headers, current.origin)) return new Response(null, { status: 403 });

  const forget = [clearDemoCookie(SESSION_COOKIE), clearDemoCookie(USERINFO_COOKIE)];
  const signedOut = new URL("/demo/signed-out", current.origin);
  const session = await readSealed<DemoSession>(current, "session", SESSION_COOKIE, request);
  if (!session) return seeOther(signedOut, forget);
  try {
    return seeOther(await current.relyingParty.logoutUrl(session), forget);
  } catch (error) {
    // Guestgate unreachable: the demo's own session is gone all the same.
    console.warn("[demo] no end-session URL:", error);
    return seeOther(signedOut, forget);
  }
}

export function GET(): Response {
  if (!demo()) return notFoundResponse();
  return new Response(null, { status: 405, headers: { Allow: "POST", "Cache-Control": "no-store" } });
}
