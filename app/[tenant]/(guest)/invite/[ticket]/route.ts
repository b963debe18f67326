import { journeyEndpoints, withErrorPage } from "../../../../_lib/server";

/** The invitation's redeem URL: starts the redemption journey (see createJourneyEndpoints().invite). */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; ticket: string }> },
): Promise<Response> {
  const { tenant, ticket } = await params;
  return journeyEndpoints().invite(request, tenant, ticket);
});
