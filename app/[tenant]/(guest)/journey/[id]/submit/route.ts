import { journeyEndpoints } from "../../../../../_lib/server";

/** Every form of a journey posts here (statuses: see createJourneyEndpoints().submit). */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string; id: string }> }): Promise<Response> {
  const { tenant, id } = await params;
  return journeyEndpoints().submit(request, tenant, id);
}
