import { journeyEndpoints, withErrorPage } from "../../../../../_lib/server";

/** Back from the upstream provider through Auth.js (see createJourneyEndpoints().federated). */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant, id } = await params;
  return journeyEndpoints().federated(request, tenant, id);
});
