import { journeyEndpoints, withErrorPage } from "../../../_lib/server";

/** Where authorize sends the person who must act: starts the sign-up journey (see createJourneyEndpoints().interaction). */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant, id } = await params;
  return journeyEndpoints().interaction(request, tenant, id);
});
