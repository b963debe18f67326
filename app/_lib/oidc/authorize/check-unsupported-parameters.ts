import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/** Request objects and dynamic registration are not offered (OIDC Core §6.1, §6.2, §3.1.2.6). */
export function checkUnsupportedParameters(ctx: AuthorizeContext): void {
  if (ctx.params.get("request") !== undefined) throw new OAuthError("request_not_supported", "request objects are not supported");
  if (ctx.params.get("request_uri") !== undefined)
    throw new OAuthError("request_uri_not_supported", "request_uri is not supported");
  if (ctx.params.get("registration") !== undefined)
    throw new OAuthError("registration_not_supported", "registration is not supported");
}
