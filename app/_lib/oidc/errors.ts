/**
 * OAuth 2.0 errors keep the code the specification gives them (RFC 6749 §4.1.2.1, §5.2; OIDC Core
 * §3.1.2.6; RFC 7009; RFC 9126 does not apply here) and say whether the error may travel back to
 * the client's redirect_uri. Only the authorize endpoint redirects, and only once the client and
 * its redirect URI are verified (RFC 6749 §4.1.2.1); before that the person sees our error page.
 */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "access_denied"
  | "server_error"
  | "temporarily_unavailable"
  | "login_required"
  | "consent_required"
  | "interaction_required"
  | "account_selection_required"
  | "request_not_supported"
  | "request_uri_not_supported"
  | "registration_not_supported"
  | "invalid_token"
  | "insufficient_scope"
  | "unsupported_token_type";

/** What our localized error page can say; each is a message key under `authError` in messages/*.json. */
export const ERROR_PAGE_CODES = [
  "invalid_request",
  "unknown_client",
  "invalid_redirect_uri",
  "interaction_expired",
  "interaction_other_browser",
  "invalid_logout_request",
  "no_user_flow",
  "server_error",
] as const;
export type ErrorPageCode = (typeof ERROR_PAGE_CODES)[number];

export function isErrorPageCode(value: unknown): value is ErrorPageCode {
  return typeof value === "string" && (ERROR_PAGE_CODES as readonly string[]).includes(value);
}

export interface OAuthErrorOptions {
  /** HTTP status for JSON endpoints; 400 unless the specification says otherwise. */
  status?: number;
  /** When set, the error is not sent to the client but shown to the person on this page. */
  page?: ErrorPageCode;
}

export class OAuthError extends Error {
  override readonly name = "OAuthError";
  readonly status: number;
  readonly page: ErrorPageCode | undefined;

  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    options: OAuthErrorOptions = {},
  ) {
    description = errorDescription(description);
    super(`${code}: ${description}`);
    this.status =
      options.status ?? (code === "invalid_client" || code === "invalid_token" ? 401 : code === "server_error" ? 500 : 400);
    this.page = options.page;
  }

  /** RFC 6749 §5.2 body (the description is already within its character set, see errorDescription). */
  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return errorBody(this.code, this.description);
  }
}

/** An error the person sees on our page because the client cannot be trusted with it. */
export function pageError(page: ErrorPageCode, code: OAuthErrorCode, description: string): OAuthError {
  return new OAuthError(code, description, { page });
}

export const invalidRequest = (description: string) => new OAuthError("invalid_request", description);

/** Typographic characters our own messages use, as the ASCII a reader expects in their place. */
const ASCII_FOR: Record<string, string> = {
  "\u2013": "-",
  "\u2014": "-",
  "\u2018": "'",
  "\u2019": "'",
  "\u201c": "'",
  "\u201d": "'",
  "\u2026": "...",
  "\u00a7": "section ",
  '"': "'",
  "\\": "/",
};
const MAX_DESCRIPTION = 500;

/**
 * error_description as RFC 6749 §4.1.2.1 and §5.2 (and RFC 6750 §3 for the Bearer challenge)
 * allow it: %x20-21 / %x23-5B / %x5D-7E only. Every OAuthError passes through here, so a value
 * echoed from the request (an unknown scope, a grant type) cannot carry a quote, a backslash, a
 * line break or non-ASCII into a JSON body, a redirect or a WWW-Authenticate header: accents are
 * dropped (é → e), typographic dashes and quotes become ASCII ones, anything else becomes `?`.
 */
export function errorDescription(text: string): string {
  const ascii = text
    .replace(/[\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00a7"\\]/g, (c) => ASCII_FOR[c]!)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\t\n\r]/g, " ")
    .replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/gu, "?");
  return ascii.length > MAX_DESCRIPTION ? `${ascii.slice(0, MAX_DESCRIPTION - 3)}...` : ascii;
}

/** The one shape of an OAuth error body (RFC 6749 §5.2), for every error a JSON endpoint answers. */
export function errorBody<C extends string>(code: C, description: string): { error: C; error_description: string } {
  return { error: code, error_description: errorDescription(description) };
}
