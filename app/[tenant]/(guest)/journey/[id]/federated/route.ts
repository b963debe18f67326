import { withTooManyPage } from "../../../../../_components/too-many-page";
import { journeyEndpoints, withErrorPage } from "../../../../../_lib/server";

/**
 * Back from the upstream provider through Auth.js (see createJourneyEndpoints().federated).
 * Over a sign-up limit the engine answers a bare 429, which becomes the page saying when to come back.
 */
export const GET = withErrorPage(
  withTooManyPage(async function GET(
    request: Request,
    { params }: { params: Promise<{ tenant: string; id: string }> },
  ): Promise<Response> {
    const { tenant, id } = await params;
    return journeyEndpoints().federated(request, tenant, id);
  }),
);
