import { journeyEndpoints, withErrorPage } from "../../../../_lib/server";

/** Signing in to My Access with the passcode (see createJourneyEndpoints().myAccessSignIn). */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string }> },
): Promise<Response> {
  return journeyEndpoints().myAccessSignIn(request, (await params).tenant);
});
