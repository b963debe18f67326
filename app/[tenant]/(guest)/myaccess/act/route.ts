import { cookieValue } from "../../../../_lib/http";
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
    signedInOutsider: (request, slug) =>
      services().myAccessOutsiders.read(slug, cookieValue(request.headers.get("cookie"), OUTSIDER_COOKIE)),
  });
});
