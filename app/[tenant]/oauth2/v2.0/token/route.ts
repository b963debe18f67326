import { oidc } from "../../../../_lib/server";

export const POST = async (request: Request, { params }: { params: Promise<{ tenant: string }> }) =>
  oidc().endpoints.token(request, (await params).tenant);
export const OPTIONS = POST;
