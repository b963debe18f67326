import { journeyEndpoints, withErrorPage } from "../../../../../_lib/server";

/** Every form of a journey posts here (statuses: see createJourneyEndpoints().submit). */
export const POST = withErrorPage(async function POST(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant, id } = await params;
  return journeyEndpoints().submit(request, tenant, id);
});
