import { services } from "../../../../../_lib/server";
import { adminCookieName } from "../../../_lib/session";
import { readRequestCookie } from "../../../_lib/sign-in";
import { json, passkeyCookie, passkeyRequest } from "../../../_lib/passkey-route";

/**
 * POST /{tenant}/admin/passkeys/authentication/options: a WebAuthn assertion's options with a fresh
 * challenge kept on the server (single use, 5 minutes). Signed in already (the passkey step or a
 * re-authentication): only this member's passkeys; otherwise any discoverable one of the tenant.
 * Statuses: 200 options; 400; 403 cross-site; 404; 413.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const checked = await passkeyRequest(request, params);
  if (checked instanceof Response) return checked;
  const { tenant } = checked;
  const admin = services().admin;
  const session = await admin.sessions.resolve(tenant.slug, readRequestCookie(request, adminCookieName(tenant.slug)));
  const { options, ceremony } = await admin.passkeys.authenticationOptions(admin.relyingParty, tenant.slug, session?.memberId);
  return json(options, 200, [passkeyCookie(tenant.slug, ceremony, 300)]);
}
