import { myAccessAction, OUTSIDER_COOKIE } from "../../../../_lib/myaccess";
import { clientAddressOf, oidc, services, settings, tenants, withErrorPage } from "../../../../_lib/server";

/** Every My Access form posts here (see myAccessAction). */
export const POST = withErrorPage(async function POST(
  request: Request,
  { params }: { params: Promise<{ tenant: string }> },
): Promise<Response> {
  const tenant = tenants().find((await params).tenant);
  if (!tenant) return new Response(null, { status: 404 });
  const baseUrl = settings().GUESTGATE_BASE_URL;
  return myAccessAction(request, tenant, {
    baseUrl,
    secureCookies: baseUrl.startsWith("https:"),
    entitlements: services().entitlements,
    clientAddress: clientAddressOf,
    signedInGuest: async (request, slug) => (await oidc().signedInGuest(slug, oidc().readSessionToken(request, slug)))?.guestId,
    signedInOutsider: (request, slug) => services().myAccessOutsiders.read(slug, cookieOf(request, OUTSIDER_COOKIE)),
  });
});

/** One cookie of the request's Cookie header, or undefined. */
function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
