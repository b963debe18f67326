/**
 * What must never reach a log line: secrets, passcodes, tokens, cookies and credentials. Keys are
 * matched by name at any depth (case and `-`/`_` ignored); string values are also scrubbed of the
 * shapes a secret has even under an innocent key (a JWT, a bearer token, a password in a URL), so
 * an error message that quotes one does not leak it either.
 */
export const REDACTED = "[redacted]";

/** Key names (normalised: lower case, no `-` or `_`) whose values are always replaced. */
const SENSITIVE_KEYS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "password",
  "passwd",
  "passcode",
  "otp",
  "secret",
  "clientsecret",
  "authsecret",
  "token",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "idtokenhint",
  "logintoken",
  "logouttoken",
  "assertion",
  "clientassertion",
  "codeverifier",
  "authorizationcode",
  "apikey",
  "privatekey",
  "keyencryptionkey",
  "kek",
  "bindingnonce",
  "smtpurl",
  "databaseurl",
]);

/** Parts of a key name that make any key sensitive (`sessionCookie`, `newClientSecret`, `otpHashKey`…). */
const SENSITIVE_PARTS = [
  "password",
  "passcode",
  "secret",
  "token",
  "cookie",
  "authorization",
  "apikey",
  "privatekey",
  "encryptionkey",
  "hashkey",
  "signingkey",
];

export function isSensitiveKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_]/g, "");
  return SENSITIVE_KEYS.has(normalised) || SENSITIVE_PARTS.some((part) => normalised.includes(part));
}

const VALUE_PATTERNS: [RegExp, string][] = [
  // A JWS/JWE compact serialization (RFC 7515 §7.1): ID tokens, access tokens, logout tokens.
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*(?:\.[\w-]*\.[\w-]*)?/g, REDACTED],
  // `Authorization: Bearer …` / `Basic …` quoted in a message (RFC 6750 §2.1).
  [/\b(Bearer|Basic)\s+[\w~+/.-]+=*/gi, `$1 ${REDACTED}`],
  // Credentials inside a URL: smtp://user:password@host, postgresql://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${REDACTED}@`],
];

export function redactString(value: string): string {
  let result = value;
  for (const [pattern, replacement] of VALUE_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

const MAX_DEPTH = 8;

/** A copy of value that is safe to log: sensitive keys replaced, strings scrubbed, cycles cut. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactString(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return typeof value === "function" ? undefined : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof URL) return redactUrl(value);
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  if (value instanceof Map) return redact(Object.fromEntries(value), depth, seen);
  const entries = value instanceof Headers ? [...value.entries()] : Object.entries(value);
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) result[key] = isSensitiveKey(key) ? REDACTED : redact(item, depth + 1, seen);
  return result;
}

/** A URL without credentials and with the values of sensitive query parameters replaced. */
function redactUrl(url: URL): string {
  const copy = new URL(url);
  if (copy.password) copy.password = REDACTED;
  for (const key of [...copy.searchParams.keys()]) {
    if (isSensitiveKey(key) || key === "code" || key === "state") copy.searchParams.set(key, REDACTED);
  }
  return copy.toString();
}
