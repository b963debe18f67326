import { logger, services, tenants } from "../../../_lib/server";
import type { Tenant } from "../../../_lib/tenant";
import { client, portalConfiguration, portalRedirect } from "../_lib/openid";
import { adminCookie, adminCookieName } from "../_lib/session";
import {
  hasPasskeyProof,
  passkeyStepPath,
  portalReturnPath,
  readRequestCookie,
  seeOther,
  signInCookie,
  signInCookieName,
} from "../_lib/sign-in";

interface StoredRequest {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  reauthenticate: boolean;
}

type Failure = "expired" | "cancelled" | "failed" | "refused" | "otherAdministrator";

/**
 * GET /{tenant}/admin/callback: where the tenant's provider sends the portal's authorization
 * response. The stored request is taken once (its cookie proves this browser started it), the code
 * is exchanged with the PKCE verifier, the ID token verified (signature, iss, aud, nonce), and a
 * portal session starts for its subject with the ID token's `amr` — or, for a re-authentication,
 * the current session records the fresh proof (only if it is the same member). Every outcome is
 * audited. Statuses: 303 (to returnTo, the passkey step, or the sign-in page with a reason); 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const tenant = tenants().find((await params).tenant);
  if (!tenant) return new Response(null, { status: 404 });
  const admin = services().admin;
  const clearRequest = signInCookie(tenant.slug, "", 0);
  const query = new URL(request.url).searchParams;
  const stored = await admin.ceremonies.take<StoredRequest & Record<string, unknown>>(
    tenant.slug,
    "oidc",
    readRequestCookie(request, signInCookieName(tenant.slug)),
  );
  const fail = async (reason: Failure, memberId?: string, returnTo?: string) => {
    await admin.signIn.record({
      tenantId: tenant.slug,
      type: reason === "refused" ? "admin.signInRefused" : "admin.signInFailed",
      ...(memberId ? { memberId } : {}),
      data: { reason },
    });
    const back = new URLSearchParams({ error: reason, ...(returnTo ? { returnTo } : {}) });
    return seeOther(`/${tenant.slug}/admin/sign-in?${back.toString()}`, [clearRequest]);
  };
  if (!stored || query.get("state") !== stored.state) return fail("expired");
  if (query.get("error"))
    return fail(query.get("error") === "access_denied" ? "cancelled" : "failed", undefined, stored.returnTo);

  let memberId: string;
  let amr: string[];
  try {
    const config = await portalConfiguration(tenant.slug);
    const tokens = await client.authorizationCodeGrant(config, new URL(`${portalRedirect(tenant.slug)}?${query.toString()}`), {
      pkceCodeVerifier: stored.verifier,
      expectedState: stored.state,
      expectedNonce: stored.nonce,
      idTokenExpected: true,
      ...(stored.reauthenticate ? { maxAge: 0 } : {}),
    });
    const claims = tokens.claims()!;
    memberId = claims.sub;
    amr = Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === "string") : [];
  } catch (error) {
    logger().warn("admin portal sign-in: the authorization response did not verify", { module: "admin", err: error });
    return fail("failed", undefined, stored.returnTo);
  }

  return stored.reauthenticate
    ? reauthenticated(request, tenant, memberId, amr, stored.returnTo, fail)
    : signedIn(tenant, memberId, amr, stored.returnTo, fail, clearRequest);
}

async function signedIn(
  tenant: Tenant,
  memberId: string,
  amr: string[],
  returnTo: string,
  fail: (reason: Failure, memberId?: string, returnTo?: string) => Promise<Response>,
  clearRequest: string,
): Promise<Response> {
  const admin = services().admin;
  let token: string;
  try {
    ({ token } = await admin.sessions.start({ tenantId: tenant.slug, memberId, amr }));
  } catch {
    // Not (or no longer) an active Member holding a role: the journey refuses such people first,
    // so this is a role taken away in between.
    return fail("refused", memberId);
  }
  await admin.signIn.record({ tenantId: tenant.slug, type: "admin.signedIn", memberId, data: { amr: amr.join(" ") } });
  const cookie = adminCookie(tenant.slug, token, admin.sessions.policy.absoluteMinutes * 60);
  const { passkeyRequired } = await admin.settings.effective(tenant);
  const target =
    passkeyRequired && !hasPasskeyProof(amr) ? passkeyStepPath(tenant.slug, returnTo) : portalReturnPath(tenant.slug, returnTo);
  return seeOther(target, [cookie, clearRequest]);
}

async function reauthenticated(
  request: Request,
  tenant: Tenant,
  memberId: string,
  amr: string[],
  returnTo: string,
  fail: (reason: Failure, memberId?: string, returnTo?: string) => Promise<Response>,
): Promise<Response> {
  const admin = services().admin;
  const token = readRequestCookie(request, adminCookieName(tenant.slug));
  const current = await admin.sessions.resolve(tenant.slug, token);
  // No session any more (it timed out meanwhile): the proof is a sign-in of its own.
  if (!current || !token) return signedIn(tenant, memberId, amr, returnTo, fail, signInCookie(tenant.slug, "", 0));
  // Someone else proved who they are: that never refreshes this session.
  if (current.memberId !== memberId) return fail("otherAdministrator", current.memberId, returnTo);
  const proof = current.amr.filter((method) => method === "hwk" || method === "swk");
  await admin.sessions.reauthenticated(tenant.slug, token, [...new Set([...amr, ...proof])]);
  await admin.signIn.record({ tenantId: tenant.slug, type: "admin.reauthenticated", memberId, data: { amr: amr.join(" ") } });
  return seeOther(portalReturnPath(tenant.slug, returnTo), [signInCookie(tenant.slug, "", 0)]);
}
