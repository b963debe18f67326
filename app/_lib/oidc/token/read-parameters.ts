import { parseParameters } from "../web/params";
import { rawQuery, readFormBody } from "../web/read-request";
import { OAuthError } from "../errors";
import { TOKEN_LIMITS, TOKEN_PARAMETERS, type TokenContext } from "./context";

/** A form-encoded POST body only (RFC 6749 §3.2); repeated or malformed parameters are invalid_request. */
export async function readParameters(ctx: TokenContext): Promise<void> {
  ctx.body = parseParameters(await readFormBody(ctx.request, 64 * 1024), { known: TOKEN_PARAMETERS, maxLength: TOKEN_LIMITS });
  ctx.query = parseParameters(rawQuery(ctx.request), { known: ["client_secret"], maxLength: TOKEN_LIMITS });
  const problem = ctx.body.problems[0];
  if (problem) throw new OAuthError("invalid_request", problem.problem);
}
