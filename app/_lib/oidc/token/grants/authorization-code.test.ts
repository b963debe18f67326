import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OAuthError } from "../../errors";
import type { AuthorizationCodeRecord } from "../../ports";
import { parseParameters } from "../../web/params";
import { TOKEN_LIMITS, TOKEN_PARAMETERS, type TokenContext } from "../context";
import { checkCodeRedirectUri, checkCodeVerifier } from "./authorization-code";

const verifier = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk";
const challenge = createHash("sha256").update(verifier).digest("base64url");

function context(body: string, code: Partial<AuthorizationCodeRecord>): TokenContext {
  return {
    body: parseParameters(body, { known: TOKEN_PARAMETERS, maxLength: TOKEN_LIMITS }),
    code: {
      redirectUri: "https://app.example/cb",
      codeChallenge: null,
      codeChallengeMethod: null,
      ...code,
    } as AuthorizationCodeRecord,
  } as TokenContext;
}
const codeOf = (fn: () => void) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as OAuthError).code;
  }
};

describe("PKCE at the token endpoint (RFC 7636 §4.5, §4.6)", () => {
  it("accepts the verifier whose SHA-256, base64url, is the challenge", () => {
    expect(
      codeOf(() =>
        checkCodeVerifier(context(`code_verifier=${verifier}`, { codeChallenge: challenge, codeChallengeMethod: "S256" })),
      ),
    ).toBeUndefined();
  });
  it("rejects a wrong or missing verifier with invalid_grant", () => {
    const s256 = { codeChallenge: challenge, codeChallengeMethod: "S256" };
    expect(codeOf(() => checkCodeVerifier(context(`code_verifier=${verifier.replace("d", "e")}`, s256)))).toBe("invalid_grant");
    expect(codeOf(() => checkCodeVerifier(context("", s256)))).toBe("invalid_grant");
  });
  it("rejects a malformed verifier with invalid_request", () => {
    expect(codeOf(() => checkCodeVerifier(context("code_verifier=short", { codeChallenge: challenge })))).toBe("invalid_request");
    expect(codeOf(() => checkCodeVerifier(context(`code_verifier=${verifier}%21`, { codeChallenge: challenge })))).toBe(
      "invalid_request",
    );
  });
  it("rejects a verifier for a code issued without a challenge: no downgrade (RFC 9700 §2.1.1)", () => {
    expect(codeOf(() => checkCodeVerifier(context(`code_verifier=${verifier}`, {})))).toBe("invalid_grant");
    expect(codeOf(() => checkCodeVerifier(context("", {})))).toBeUndefined();
  });
});

describe("code binding to the redirect URI (RFC 6749 §4.1.3)", () => {
  it("requires the identical redirect_uri", () => {
    expect(codeOf(() => checkCodeRedirectUri(context("redirect_uri=https%3A%2F%2Fapp.example%2Fcb", {})))).toBeUndefined();
    expect(codeOf(() => checkCodeRedirectUri(context("redirect_uri=https%3A%2F%2Fapp.example%2Fcb%2F", {})))).toBe(
      "invalid_grant",
    );
  });
  it("requires the identical loopback port too (the port varies only between requests)", () => {
    const ctx = context("redirect_uri=http%3A%2F%2F127.0.0.1%3A5001%2Fcb", { redirectUri: "http://127.0.0.1:5000/cb" });
    expect(codeOf(() => checkCodeRedirectUri(ctx))).toBe("invalid_grant");
  });
});
