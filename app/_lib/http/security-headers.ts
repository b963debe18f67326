/**
 * Headers every response carries. The CSP is nonce-based (the proxy makes a nonce per request and
 * Next puts it on its own scripts), so no inline script runs unless we wrote it.
 */
export interface CspOptions {
  nonce: string;
  /** `next dev` evaluates code and injects styles at run time; never true in production. */
  development: boolean;
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development, https }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(development ? ["ws:"] : [])],
    // The proof-of-work widget solves in workers of our own origin ('strict-dynamic' would make
    // script-src, their fallback, ignore 'self').
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    // Clickjacking defence (RFC 9700 §4.16): no page of ours may be framed.
    "frame-ancestors": ["'none'"],
    // No form-action: Chromium applies it to the redirect that follows a form POST, and a sign-in
    // form's POST ends in a 303 to the application's redirect_uri on another origin.
  };
  if (https) directives["upgrade-insecure-requests"] = [];
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** 128 bits from the CSPRNG, base64: a nonce an attacker cannot guess (CSP3 §7.1). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
