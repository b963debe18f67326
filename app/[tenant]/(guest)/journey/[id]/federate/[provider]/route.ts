import { journeyEndpoints, withErrorPage } from "../../../../../../_lib/server";

/** Leaves for the upstream provider the journey recorded (see createJourneyEndpoints().federate). */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string; provider: string }> },
): Promise<Response> {
  const { tenant, id, provider } = await params;
  return journeyEndpoints().federate(request, tenant, id, provider);
});
