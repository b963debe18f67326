import { oidc } from "../../../../_lib/server";

export const GET = async (request: Request, { params }: { params: Promise<{ tenant: string }> }) =>
  oidc().endpoints.jwks(request, (await params).tenant);
export const OPTIONS = GET;
