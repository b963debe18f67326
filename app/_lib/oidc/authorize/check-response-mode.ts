import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/** The code comes back in the query (OAuth 2.0 Multiple Response Types §2.1); other modes are refused. */
export function checkResponseMode(ctx: AuthorizeContext): void {
  const mode = ctx.params.get("response_mode");
  if (mode !== undefined && mode !== "query") throw new OAuthError("invalid_request", "only response_mode=query is supported");
}
