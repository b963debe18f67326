import type { ProviderContext } from "../context";
import type { ApplicationRecord, OpSessionRecord } from "../ports";
import type { TenantUrls } from "../urls";
import type { Parameters } from "../web/params";

/** Parameters of an authorization request that authorize reads (OIDC Core §3.1.2.1, RFC 7636, RFC 6749 §4.1.1). */
export const AUTHORIZE_PARAMETERS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "response_mode",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "prompt",
  "max_age",
  "login_hint",
  "id_token_hint",
  "ui_locales",
  "acr_values",
  "display",
  "claims_locales",
  "request",
  "request_uri",
  "registration",
] as const;

export const AUTHORIZE_LIMITS: Record<string, number> = {
  client_id: 64,
  state: 4096,
  nonce: 512,
  id_token_hint: 8192,
  request: 8192,
  login_hint: 512,
  code_challenge: 128,
};

/** The validated request, as stored in an interaction while the person acts (a snapshot, not the raw query). */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scope: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256";
  prompt: string[];
  maxAge?: number;
  loginHint?: string;
  uiLocales?: string;
  acrValues?: string;
  display?: string;
  /** The subject of a valid id_token_hint: the person the client expects. */
  expectedSubject?: string;
}

/** Why the person must act: authorize stores it with the interaction for the journey to read. */
export type InteractionReason =
  "no_session" | "login_requested" | "max_age" | "other_subject" | "consent_requested" | "select_account";

/**
 * What the checks that authorize and resume share read and set: the request being authorized (read
 * from the query on authorize, restored from the interaction's snapshot on resume) and what has been
 * verified of it so far.
 */
export interface RequestCheckContext {
  p: ProviderContext;
  tenant: string;
  authorization: Partial<AuthorizationRequest>;
  client?: ApplicationRecord;
  /** Set once verified: from then on errors are returned to it (RFC 6749 §4.1.2.1). */
  redirectUri?: string;
  /** Set once parsed cleanly: echoed with every redirect. */
  state?: string;
}

export interface AuthorizeContext extends RequestCheckContext {
  request: Request;
  urls: TenantUrls;
  params: Parameters;
  authorization: Partial<AuthorizationRequest> & { scope: string[]; prompt: string[] };
  session?: OpSessionRecord;
  interaction?: InteractionReason;
}

export type AuthorizeStep = (ctx: AuthorizeContext) => void | Promise<void>;
