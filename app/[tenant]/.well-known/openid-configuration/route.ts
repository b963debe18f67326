import { oidc } from "../../../_lib/server";

/** The same document at the path OIDC Discovery §4 derives from an issuer without the /v2.0 suffix. */
export const GET = async (request: Request, { params }: { params: Promise<{ tenant: string }> }) =>
  oidc().endpoints.discovery(request, (await params).tenant);
export const OPTIONS = GET;
