import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/** Authorization code flow only (RFC 9700 §2.1.2: no implicit, no hybrid). */
export function checkResponseType(ctx: AuthorizeContext): void {
  const responseType = ctx.params.get("response_type");
  if (responseType === undefined) throw new OAuthError("invalid_request", "response_type is missing");
  if (responseType !== "code") throw new OAuthError("unsupported_response_type", "only response_type=code is supported");
}
