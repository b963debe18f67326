import { oidc } from "../../../../_lib/server";

export const POST = async (request: Request, { params }: { params: Promise<{ tenant: string }> }) =>
  oidc().endpoints.revoke(request, (await params).tenant);
