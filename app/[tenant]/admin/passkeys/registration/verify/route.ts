import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { isPasskeyError } from "../../../../../_lib/admin";
import { services } from "../../../../../_lib/server";
import { adminCookieName } from "../../../_lib/session";
import { hasPasskeyProof, portalReturnPath, readRequestCookie } from "../../../_lib/sign-in";
import { json, passkeyCookie, passkeyCookieName, passkeyRequest } from "../../../_lib/passkey-route";

/**
 * POST /{tenant}/admin/passkeys/registration/verify: checks the attestation against the stored
 * challenge, RP ID and origin and stores the credential (id, public key, counter, transports,
 * name), audited `passkey.registered`. A session without a passkey proof may register only its
 * first passkey (registration on first sign-in, for a tenant that requires one), which then counts
 * as the proof; with passkeys already, it must use one of them first.
 * Statuses: 200 `{ redirect }`; 400 not verified; 401 no session; 403 cross-site or proof needed; 404; 413.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const checked = await passkeyRequest(request, params);
  if (checked instanceof Response) return checked;
  const { tenant, body } = checked;
  const admin = services().admin;
  const cleared = passkeyCookie(tenant.slug, "", 0);
  const token = readRequestCookie(request, adminCookieName(tenant.slug));
  const session = await admin.sessions.resolve(tenant.slug, token);
  if (!session || !token) return json({ error: "expired" }, 401, [cleared]);
  const proven = hasPasskeyProof(session.amr);
  const existing = await admin.passkeys.list(tenant.slug, session.memberId);
  if (!proven && existing.length > 0) return json({ error: "refused" }, 403, [cleared]);
  try {
    await admin.passkeys.register(
      { ...admin.relyingParty, name: tenant.displayName },
      {
        tenantId: tenant.slug,
        memberId: session.memberId,
        ceremony: readRequestCookie(request, passkeyCookieName(tenant.slug)),
        response: body.response as RegistrationResponseJSON,
        name: typeof body.name === "string" ? body.name : "",
      },
    );
  } catch (error) {
    if (isPasskeyError(error)) return json({ error: error.code === "expired" ? "expired" : "failed" }, 400, [cleared]);
    throw error;
  }
  if (!proven) await admin.sessions.reauthenticated(tenant.slug, token, [...session.amr, "hwk"]);
  return json({ redirect: portalReturnPath(tenant.slug, body.returnTo ?? `/${tenant.slug}/admin/passkeys`) }, 200, [cleared]);
}
