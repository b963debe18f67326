import { cookies } from "next/headers";
import { clientAddress, isSameOriginPost } from "../../../../_lib/http";
import { cancelJourney, JOURNEY_COOKIE } from "../../../../_lib/journeys";
import { journeyDeps, settings, tenants, withErrorPage } from "../../../../_lib/server";
import { respond, unlessRequestGone } from "../respond";

/** "Return to the application": 303 to the authorize resume URL, which answers access_denied. 403 cross-site; 404 unknown. */
export const POST = withErrorPage(async function POST(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant: slug, id } = await params;
  const tenant = tenants().find(slug);
  if (!tenant) return new Response(null, { status: 404 });
  const { GUESTGATE_BASE_URL } = settings();
  if (!isSameOriginPost(request.headers, GUESTGATE_BASE_URL)) return new Response(null, { status: 403 });
  const outcome = await unlessRequestGone(
    cancelJourney(journeyDeps(), {
      tenant,
      journeyId: id,
      binding: (await cookies()).get(JOURNEY_COOKIE)?.value,
      client: clientAddress(request.headers),
      locale: tenant.locales.default,
    }),
  );
  return respond(outcome, tenant.slug, GUESTGATE_BASE_URL);
});
