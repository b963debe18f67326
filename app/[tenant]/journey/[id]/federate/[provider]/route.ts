import { cookies } from "next/headers";
import { clientAddress } from "../../../../../_lib/http";
import { JOURNEY_COOKIE, loadJourney, upstreamReturned } from "../../../../../_lib/journeys";
import { federation, journeyDeps, settings, tenants } from "../../../../../_lib/server";
import { respond, seeOther } from "../../respond";

/**
 * The browser arrives here (303 from the journey's submit) to leave for the upstream provider the
 * person chose. Only the browser holding the journey, and only for the provider the journey recorded,
 * may start the trip. Statuses: 303 to the upstream or back to the journey; 404 unknown.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string; provider: string }> },
): Promise<Response> {
  const { tenant: slug, id, provider } = await params;
  const tenant = tenants().find(slug);
  if (!tenant) return new Response(null, { status: 404 });
  const { GUESTGATE_BASE_URL } = settings();
  const deps = journeyDeps();
  const binding = (await cookies()).get(JOURNEY_COOKIE)?.value;
  const loaded = await loadJourney(deps, tenant.slug, id, binding);
  const journeyPage = new URL(`/${tenant.slug}/journey/${id}`, GUESTGATE_BASE_URL).toString();
  if (loaded.kind !== "journey" || loaded.journey.state !== "federating" || loaded.journey.internal.federatingWith !== provider) {
    return loaded.kind === "notFound" ? new Response(null, { status: 404 }) : seeOther(journeyPage);
  }

  const started = await federation().startFederation(tenant, provider, { returnTo: `/${tenant.slug}/journey/${id}/federated` });
  if (started.ok) return seeOther(started.location);
  // The provider could not be reached or is not configured: back to the choice, saying why.
  const submission = { tenant, journeyId: id, binding, client: clientAddress(request.headers), locale: loaded.journey.locale };
  return respond(await upstreamReturned(deps, submission, { failure: started.reason }), tenant.slug, GUESTGATE_BASE_URL);
}
