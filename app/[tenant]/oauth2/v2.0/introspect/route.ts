import { oidc } from "../../../../_lib/server";

export const POST = async (request: Request, { params }: { params: Promise<{ tenant: string }> }) =>
  oidc().endpoints.introspect(request, (await params).tenant);
