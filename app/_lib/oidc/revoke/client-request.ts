import { authenticateClient, parseClientCredentials } from "../clients/client-auth";
import type { ProviderContext } from "../context";
import { OAuthError } from "../errors";
import type { ApplicationRecord } from "../ports";
import { parseParameters, type Parameters } from "../web/params";
import { rawQuery, readFormBody } from "../web/read-request";

const PARAMETERS = ["token", "token_type_hint", "client_id", "client_secret"] as const;

/** A form POST from an authenticated client carrying a token (RFC 7009 §2.1, RFC 7662 §2.1). */
export async function readClientTokenRequest(
  p: ProviderContext,
  request: Request,
  tenant: string,
): Promise<{ client: ApplicationRecord; body: Parameters; token: string }> {
  const body = parseParameters(await readFormBody(request, 32 * 1024), {
    known: PARAMETERS,
    maxLength: { token: 8192, client_secret: 512 },
  });
  const query = parseParameters(rawQuery(request), { known: ["client_secret"] });
  const problem = body.problems[0];
  if (problem) throw new OAuthError("invalid_request", problem.problem);
  const client = await authenticateClient(tenant, parseClientCredentials(request.headers, body, query), {
    applications: p.repositories.applications,
    clock: p.clock,
  });
  const token = body.get("token");
  if (token === undefined) throw new OAuthError("invalid_request", "token is missing");
  return { client, body, token };
}

export const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
