import { journeyEndpoints, withErrorPage } from "../../../../_lib/server";

/** A signed-in guest starts editing their profile (see createJourneyEndpoints().profile). */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string }> },
): Promise<Response> {
  return journeyEndpoints().profile(request, (await params).tenant);
});
