import { withTooManyPage } from "../../../../../_components/too-many-page";
import { journeyEndpoints, withErrorPage } from "../../../../../_lib/server";

/**
 * Every form of a journey posts here (statuses: see createJourneyEndpoints().submit).
 * Over a sign-up limit the engine answers a bare 429, which becomes the page saying when to come back.
 */
export const POST = withErrorPage(
  withTooManyPage(async function POST(
    request: Request,
    { params }: { params: Promise<{ tenant: string; id: string }> },
  ): Promise<Response> {
    const { tenant, id } = await params;
    return journeyEndpoints().submit(request, tenant, id);
  }),
);
