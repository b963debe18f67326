import { oidc } from "../../../../../../_lib/server";

type Context = { params: Promise<{ tenant: string; id: string }> };
export const GET = async (request: Request, { params }: Context) => {
  const { tenant, id } = await params;
  return oidc().endpoints.resume(request, tenant, id);
};
