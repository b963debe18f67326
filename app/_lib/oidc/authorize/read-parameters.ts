import { OAuthError } from "../errors";
import { isFormRequest, rawQuery, readFormBody } from "../web/read-request";
import { parseParameters } from "../web/params";
import { AUTHORIZE_LIMITS, AUTHORIZE_PARAMETERS, type AuthorizeContext } from "./context";

/**
 * GET reads the query, POST the form body (OIDC Core §3.1.2.1). Problems found here are kept on the
 * parameters and reported later: before the client and redirect URI are known on our error page,
 * after that to the client.
 */
export async function readParameters(ctx: AuthorizeContext): Promise<void> {
  let input: string;
  if (ctx.request.method === "POST") {
    if (!isFormRequest(ctx.request)) {
      throw new OAuthError("invalid_request", "POST must send application/x-www-form-urlencoded", { page: "invalid_request" });
    }
    input = await readFormBody(ctx.request, 64 * 1024).catch((error: OAuthError) => {
      throw new OAuthError("invalid_request", error.description, { page: "invalid_request" });
    });
  } else {
    input = rawQuery(ctx.request);
  }
  ctx.params = parseParameters(input, { known: AUTHORIZE_PARAMETERS, maxLength: AUTHORIZE_LIMITS, maxInputLength: 64 * 1024 });
}
