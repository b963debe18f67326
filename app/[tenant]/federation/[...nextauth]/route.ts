import { federation } from "../../../_lib/server";

/**
 * Auth.js for this tenant's upstream identity providers. Only the upstream's way back
 * (`callback/{provider}`) is served; everything else, and an unknown tenant, is a 404.
 */
const handle = async (request: Request, { params }: { params: Promise<{ tenant: string }> }) =>
  federation().handle(request, (await params).tenant);

export const GET = handle;
export const POST = handle;
