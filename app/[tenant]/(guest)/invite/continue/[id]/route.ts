import { journeyEndpoints, withErrorPage } from "../../../../../_lib/server";

/** Where a finished redemption lands: on to the invitation's redirect URL (see createJourneyEndpoints().inviteContinue). */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant, id } = await params;
  return journeyEndpoints().inviteContinue(request, tenant, id);
});
