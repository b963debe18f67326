import { describe, expect, it } from "vitest";
import { errorBody, errorDescription, OAuthError, type OAuthErrorCode } from "./errors";
import { oauthErrorResponse, redirect, withQuery } from "./web/responses";

// RFC 6749 §5.2: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E )
const ALLOWED = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;
const CODES: OAuthErrorCode[] = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "unsupported_response_type",
  "invalid_scope",
  "access_denied",
  "server_error",
  "temporarily_unavailable",
  "login_required",
  "consent_required",
  "interaction_required",
  "account_selection_required",
  "request_not_supported",
  "request_uri_not_supported",
  "registration_not_supported",
  "invalid_token",
  "insufficient_scope",
  "unsupported_token_type",
];

describe("errorDescription", () => {
  it("leaves nothing outside the RFC's set, for every code point", () => {
    let all = "";
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x3000 ? 1 : 97) if (cp < 0xd800 || cp > 0xdfff) all += String.fromCodePoint(cp);
    for (let i = 0; i < all.length; i += 400) expect(errorDescription(all.slice(i, i + 400))).toMatch(ALLOWED);
  });

  it("keeps our own messages readable", () => {
    expect(errorDescription("client_secret must not be sent in the URL (RFC 6749 §2.3.1)")).toBe(
      "client_secret must not be sent in the URL (RFC 6749 section 2.3.1)",
    );
    expect(errorDescription("the code expired – ask again")).toBe("the code expired - ask again");
    expect(errorDescription('unknown scope: "é\\ü€')).toBe("unknown scope: 'e/u?");
    expect(errorDescription("a\r\nSet-Cookie: x=1")).toBe("a  Set-Cookie: x=1");
    expect(errorDescription("x".repeat(2000))).toHaveLength(500);
  });

  it.each(CODES)("every OAuthError %s serialises within the set: JSON body, redirect and challenge", (code) => {
    const error = new OAuthError(code, 'bad "value" \\ – § é \u202e\u0000 😀');
    expect(error.toJSON().error_description).toMatch(ALLOWED);
    expect(error.description).toMatch(ALLOWED);
    const location = redirect(
      withQuery("https://app.example/cb", { error: code, error_description: error.description }),
    ).headers.get("location")!;
    expect(new URL(location).searchParams.get("error_description")).toMatch(ALLOWED);
    expect(errorBody(code, error.message).error_description).toMatch(ALLOWED);
  });

  it("the JSON error response carries the baseline headers", async () => {
    const response = oauthErrorResponse(new OAuthError("invalid_client", "é"), "realm");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(((await response.json()) as { error_description: string }).error_description).toBe("e");
  });
});
