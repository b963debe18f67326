// Rules every answer of the provider keeps, checked on every response the in-process router
// returns (so every OIDC integration test checks them on every error it provokes).

/**
 * RFC 6749 §4.1.2.1 and §5.2 (and RFC 6750 §3 for the Bearer challenge): error_description is
 * %x20-21 / %x23-5B / %x5D-7E — printable ASCII without `"` and `\`.
 */
export const ERROR_DESCRIPTION = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;

/** The provider's JSON endpoints (not the navigations authorize, resume and logout, which the page proxy covers). */
export const JSON_ENDPOINTS = ["token", "userinfo", "revoke", "introspect", "keys", "openid-configuration"] as const;

/** What is wrong with one answer, or an empty list. */
export async function protocolProblems(endpoint: string, response: Response): Promise<string[]> {
  const problems: string[] = [];
  const description = (where: string, value: string | null | undefined) => {
    if (value != null && !ERROR_DESCRIPTION.test(value))
      problems.push(`${where} error_description ${JSON.stringify(value)} breaks RFC 6749 §5.2`);
  };
  const location = response.headers.get("location");
  if (location) {
    const url = new URL(location, "http://localhost");
    description("redirect", url.searchParams.get("error_description"));
  }
  const challenge = response.headers.get("www-authenticate");
  if (challenge) {
    const quoted = /error_description="((?:[^"\\]|\\.)*)"/.exec(challenge);
    description("WWW-Authenticate", quoted?.[1]);
    if (/error_description=/.test(challenge) && !quoted)
      problems.push(`WWW-Authenticate error_description not a quoted string: ${challenge}`);
  }
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    const body = (await response
      .clone()
      .json()
      .catch(() => undefined)) as { error_description?: unknown } | undefined;
    if (body && typeof body === "object" && "error_description" in body) description("JSON", String(body.error_description));
  }
  if ((JSON_ENDPOINTS as readonly string[]).includes(endpoint)) {
    if (response.headers.get("x-content-type-options") !== "nosniff")
      problems.push(`${endpoint} ${response.status} without X-Content-Type-Options: nosniff`);
    if (response.headers.get("referrer-policy") !== "no-referrer")
      problems.push(`${endpoint} ${response.status} without Referrer-Policy: no-referrer`);
  }
  return problems;
}
