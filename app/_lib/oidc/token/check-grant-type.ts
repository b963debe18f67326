import { OAuthError } from "../errors";
import type { GrantType } from "../ports";
import type { TokenContext } from "./context";

export const GRANT_TYPES: readonly GrantType[] = ["authorization_code", "refresh_token", "client_credentials"];

/** A grant we implement (unsupported_grant_type) that this client is registered for (unauthorized_client), RFC 6749 §5.2. */
export function checkGrantType(ctx: TokenContext): GrantType {
  const grantType = ctx.body.get("grant_type");
  if (grantType === undefined) throw new OAuthError("invalid_request", "grant_type is missing");
  if (!(GRANT_TYPES as readonly string[]).includes(grantType))
    throw new OAuthError("unsupported_grant_type", "unsupported grant_type");
  if (!ctx.client!.grantTypes.includes(grantType as GrantType)) {
    throw new OAuthError("unauthorized_client", "this client may not use this grant type");
  }
  return grantType as GrantType;
}
