import { cookies } from "next/headers";
import { isSameOriginPost } from "../../../_lib/http";
import { services, settings, tenants } from "../../../_lib/server";
import { adminCookieName, clearedAdminCookie } from "../_lib/session";

/**
 * Ends the portal session (the row is deleted, the cookie cleared) and shows the sign-in page.
 * Statuses: 303 done; 403 cross-site post; 404 unknown tenant.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const tenant = tenants().find((await params).tenant);
  if (!tenant) return new Response(null, { status: 404 });
  const base = settings().GUESTGATE_BASE_URL;
  if (!isSameOriginPost(request.headers, base)) return new Response(null, { status: 403 });
  await services().admin.sessions.end(tenant.slug, (await cookies()).get(adminCookieName(tenant.slug))?.value);
  return new Response(null, {
    status: 303,
    headers: {
      Location: new URL(`/${tenant.slug}/admin/sign-in?signedOut=1`, base).toString(),
      "Set-Cookie": clearedAdminCookie(tenant.slug),
      "Cache-Control": "no-store",
    },
  });
}
