import { isPasskeyError } from "../../../../../_lib/admin";
import { services } from "../../../../../_lib/server";
import { adminCookieName } from "../../../_lib/session";
import { readRequestCookie } from "../../../_lib/sign-in";
import { json, passkeyCookie, passkeyRequest } from "../../../_lib/passkey-route";

/**
 * POST /{tenant}/admin/passkeys/registration/options: creation options for a new passkey of the
 * signed-in administrator (their other passkeys excluded), the challenge kept on the server.
 * Statuses: 200 options; 400 too many passkeys; 401 no session; 403 cross-site; 404; 413.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const checked = await passkeyRequest(request, params);
  if (checked instanceof Response) return checked;
  const { tenant } = checked;
  const admin = services().admin;
  const session = await admin.sessions.resolve(tenant.slug, readRequestCookie(request, adminCookieName(tenant.slug)));
  if (!session) return json({ error: "expired" }, 401);
  try {
    const { options, ceremony } = await admin.passkeys.registrationOptions(
      { ...admin.relyingParty, name: tenant.displayName },
      {
        tenantId: tenant.slug,
        id: session.memberId,
        ...(session.email ? { email: session.email } : {}),
        ...(session.displayName ? { displayName: session.displayName } : {}),
      },
    );
    return json(options, 200, [passkeyCookie(tenant.slug, ceremony, 300)]);
  } catch (error) {
    if (isPasskeyError(error)) return json({ error: error.code }, 400);
    throw error;
  }
}
