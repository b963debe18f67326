import type { ClientCredentials } from "../clients/client-auth";
import type { ProviderContext } from "../context";
import type { ApplicationRecord, AuthorizationCodeRecord, GrantRecord, GuestProfile, RefreshTokenRecord } from "../ports";
import type { TenantUrls } from "../urls";
import type { Parameters } from "../web/params";

export const TOKEN_PARAMETERS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "scope",
  "client_id",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
] as const;

export const TOKEN_LIMITS: Record<string, number> = {
  code: 256,
  refresh_token: 256,
  code_verifier: 256,
  client_id: 64,
  client_secret: 512,
  client_assertion: 8192,
};

export interface TokenContext {
  p: ProviderContext;
  request: Request;
  tenant: string;
  urls: TenantUrls;
  body: Parameters;
  query: Parameters;
  credentials?: ClientCredentials;
  client?: ApplicationRecord;
  // authorization_code
  code?: AuthorizationCodeRecord;
  /** The code's guest as read with it (null: gone); checkGuest decides on it after the code's checks. */
  codeGuest?: GuestProfile | null;
  // refresh_token
  refreshToken?: RefreshTokenRecord;
  /** For refresh: the (possibly narrowed) scope of the new access token. */
  scope?: string[];
  grant?: GrantRecord;
  guest?: GuestProfile;
  /** The JSON body of a successful response. */
  response?: Record<string, unknown>;
}

export type TokenStep = (ctx: TokenContext) => void | Promise<void>;
