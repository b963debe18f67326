import type { AdminSession } from "../../../../_lib/admin";
import type { IssuedPassword } from "../../../../_lib/oidc";
import { settings } from "../../../../_lib/server";
import { REVEAL_LIFETIME_SECONDS, revealCookieName, sealSecret } from "./secret-reveal";

/**
 * The 303 after a secret was issued: to the page that shows it once, with the cookie holding the
 * key that opens it (HttpOnly, only sent to that page, gone after a minute). `no-store` so that no
 * cache keeps the answer.
 */
export function showSecretOnce(input: {
  tenantSlug: string;
  session: AdminSession;
  applicationId: string;
  issued: IssuedPassword;
}): Response {
  const { tenantSlug, session, applicationId, issued } = input;
  const base = settings().GUESTGATE_BASE_URL;
  const path = `/${tenantSlug}/admin/applications/${applicationId}/secret`;
  const value = sealSecret({
    sessionId: session.id,
    applicationId,
    secret: issued.secretText,
    meta: { keyId: issued.keyId, displayName: issued.displayName, endDateTime: issued.endDateTime.toISOString() },
  });
  const secure = base.startsWith("https:") ? "; Secure" : "";
  return new Response(null, {
    status: 303,
    headers: {
      Location: new URL(path, base).toString(),
      "Cache-Control": "no-store",
      "Set-Cookie": `${revealCookieName(tenantSlug)}=${value}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=${REVEAL_LIFETIME_SECONDS}${secure}`,
    },
  });
}
