import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { isPasskeyError } from "../../../../../_lib/admin";
import { services } from "../../../../../_lib/server";
import { adminCookie, adminCookieName } from "../../../_lib/session";
import { portalReturnPath, readRequestCookie } from "../../../_lib/sign-in";
import { json, passkeyCookie, passkeyCookieName, passkeyRequest } from "../../../_lib/passkey-route";

/**
 * POST /{tenant}/admin/passkeys/authentication/verify: checks the assertion against the stored
 * challenge (taken once), the RP ID and the origin, and the stored public key. Without a session it
 * starts one (amr `hwk`/`swk`); with one, the same member's assertion is a fresh proof (the passkey
 * step, a re-authentication) — another member's is refused. Audited either way.
 * Statuses: 200 `{ redirect }`; 400 not verified; 403 refused or cross-site; 404; 413.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const checked = await passkeyRequest(request, params);
  if (checked instanceof Response) return checked;
  const { tenant, body } = checked;
  const admin = services().admin;
  const cleared = passkeyCookie(tenant.slug, "", 0);
  const returnTo = portalReturnPath(tenant.slug, body.returnTo);
  let proven: { memberId: string; amr: string };
  try {
    proven = await admin.passkeys.authenticate(admin.relyingParty, {
      tenantId: tenant.slug,
      ceremony: readRequestCookie(request, passkeyCookieName(tenant.slug)),
      response: body.response as AuthenticationResponseJSON,
    });
  } catch (error) {
    if (!isPasskeyError(error)) throw error;
    await admin.signIn.record({
      tenantId: tenant.slug,
      type: "admin.signInFailed",
      data: { reason: error.code, method: "passkey" },
    });
    return json({ error: error.code === "expired" ? "expired" : "failed" }, 400, [cleared]);
  }

  const token = readRequestCookie(request, adminCookieName(tenant.slug));
  const current = await admin.sessions.resolve(tenant.slug, token);
  if (current && token) {
    if (current.memberId !== proven.memberId) {
      await admin.signIn.record({
        tenantId: tenant.slug,
        type: "admin.signInRefused",
        memberId: current.memberId,
        data: { reason: "otherAdministrator" },
      });
      return json({ error: "refused" }, 403, [cleared]);
    }
    await admin.sessions.reauthenticated(tenant.slug, token, [...new Set([...current.amr, proven.amr])]);
    await admin.signIn.record({
      tenantId: tenant.slug,
      type: "admin.reauthenticated",
      memberId: proven.memberId,
      data: { amr: proven.amr },
    });
    return json({ redirect: returnTo }, 200, [cleared]);
  }
  let started;
  try {
    started = await admin.sessions.start({ tenantId: tenant.slug, memberId: proven.memberId, amr: [proven.amr] });
  } catch {
    // The passkey is a Member's whose role (or account) is gone.
    await admin.signIn.record({
      tenantId: tenant.slug,
      type: "admin.signInRefused",
      memberId: proven.memberId,
      data: { reason: "notAdministrator" },
    });
    return json({ error: "refused" }, 403, [cleared]);
  }
  await admin.signIn.record({
    tenantId: tenant.slug,
    type: "admin.signedIn",
    memberId: proven.memberId,
    data: { amr: proven.amr },
  });
  const cookie = adminCookie(tenant.slug, started.token, admin.sessions.policy.absoluteMinutes * 60);
  return json({ redirect: returnTo }, 200, [cookie, cleared]);
}
