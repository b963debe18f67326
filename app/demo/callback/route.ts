import { AuthorizationResponseError, ClientError, ResponseBodyError } from "openid-client";
import {
  demoErrorUrl,
  SESSION_COOKIE,
  SESSION_SECONDS,
  TRANSACTION_COOKIE,
  USERINFO_COOKIE,
  type DemoErrorReason,
} from "../_lib/config";
import { clearDemoCookie, demo, demoCookie, notFoundResponse, readSealed, seeOther } from "../_lib/demo";
import { DiscoveryError, type LoginTransaction } from "../_lib/relying-party";
import { seal } from "../_lib/seal";
import type { DemoSession, DemoUserinfo } from "../_lib/session";

export const dynamic = "force-dynamic";

/**
 * GET /demo/callback: the registered redirect URI. openid-client checks the response (state, iss),
 * redeems the code with the PKCE verifier, checks the ID token (signature against the tenant's
 * JWKS, iss, aud, exp, nonce) and fetches userinfo. What it received goes into sealed cookies for
 * the result page. The transaction cookie is spent either way: a code is redeemed once.
 */
export async function GET(request: Request): Promise<Response> {
  const current = demo();
  if (!current) return notFoundResponse();
  if (!current.origin || !current.relyingParty) return seeOther(new URL("/demo", current.baseUrl));
  const origin = current.origin;
  const spent = clearDemoCookie(TRANSACTION_COOKIE);

  const transaction = await readSealed<LoginTransaction>(current, "transaction", TRANSACTION_COOKIE, request);
  if (!transaction) return seeOther(demoErrorUrl(origin, "expired"), [spent]);

  const fail = (reason: DemoErrorReason, code?: string) =>
    seeOther(demoErrorUrl(origin, reason, { tenant: transaction.tenant, code }), [spent]);
  try {
    const signedIn = await current.relyingParty.finishLogin(transaction, new URL(request.url).searchParams);
    const session: DemoSession = {
      tenant: signedIn.tenant,
      idToken: signedIn.idToken,
      ...(signedIn.lang ? { lang: signedIn.lang } : {}),
    };
    const userinfo: DemoUserinfo = { userinfo: signedIn.userinfo };
    const options = { seconds: SESSION_SECONDS };
    return seeOther(new URL("/demo/result", origin), [
      spent,
      demoCookie(SESSION_COOKIE, await seal("session", { ...session }, current.key, options), SESSION_SECONDS),
      demoCookie(USERINFO_COOKIE, await seal("userinfo", { ...userinfo }, current.key, options), SESSION_SECONDS),
    ]);
  } catch (error) {
    // The details are for whoever runs the demo; the page shows the error code only.
    console.warn(`[demo] sign-in to ${transaction.tenant} did not complete:`, error);
    // Guestgate answered the authorization request with an error (access_denied, …).
    if (error instanceof AuthorizationResponseError) return fail("denied", error.error);
    if (error instanceof DiscoveryError) return fail("unavailable");
    // The token or userinfo endpoint said no, or a check failed (state, iss, signature, nonce, …).
    if (error instanceof ResponseBodyError) return fail("rejected", error.error);
    if (error instanceof ClientError || error instanceof Error) return fail("rejected", (error as { code?: string }).code);
    throw error;
  }
}
