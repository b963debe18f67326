import { oidc } from "../../../../_lib/server";

export const GET = async (request: Request, { params }: { params: Promise<{ tenant: string }> }) =>
  oidc().endpoints.authorize(request, (await params).tenant);
export const POST = GET;
