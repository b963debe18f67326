import { journeyEndpoints, withErrorPage } from "../../../../../_lib/server";

/** "Cancel": the completion target hears the journey will not happen (see createJourneyEndpoints().cancel). */
export const POST = withErrorPage(async function POST(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant, id } = await params;
  return journeyEndpoints().cancel(request, tenant, id);
});
