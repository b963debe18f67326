import { readBoundedBody } from "../http";
import { requestCookies, RESULT_MAX_AGE_SECONDS, serializeSetCookie } from "./cookies";
import { classifyFailure, withFailureProbe } from "./failures";
import type { TenantFederation } from "./instance";
import { encodeOutcome } from "./result-token";
import { validReturnUrl } from "./return-to";
import type { FederationFailure } from "./types";

/** Only the upstream's way back is public: `GET|POST /{tenant}/federation/callback/{provider}`. */
const CALLBACK = /^\/callback\/([a-z][a-z0-9-]{0,39})$/;
const NO_STORE = { "cache-control": "no-store" };
const MAX_CALLBACK_BYTES = 64 * 1024;

/** Is `location` one of Auth.js's own pages (its error or sign-in page) rather than the return address? */
export function isAuthJsPage(location: string, federation: TenantFederation): boolean {
  const url = new URL(location, federation.origin);
  return (
    url.origin === federation.origin &&
    (url.pathname === federation.basePath || url.pathname.startsWith(`${federation.basePath}/`))
  );
}

/**
 * The route `/{tenant}/federation/[...nextauth]`. Auth.js's other endpoints (sign-in page, csrf,
 * session, providers, sign-out) answer 404: the start goes through `startFederation` on the server,
 * and the carried result is read once by `takeUpstreamIdentity`, never over HTTP.
 */
export async function handleFederationRequest(
  federation: TenantFederation | undefined,
  slug: string,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const rest = url.pathname.slice(`/${slug}/federation`.length);
  const method = request.method;
  if (!federation) return new Response(null, { status: 404, headers: NO_STORE });
  if (rest === "/failed" && method === "GET") return failureRedirect(federation, request, { reason: "upstreamError" });
  const providerId = CALLBACK.exec(rest)?.[1];
  if (!providerId || (method !== "GET" && method !== "POST")) return new Response(null, { status: 404, headers: NO_STORE });
  if (!federation.offered.some((provider) => provider.id === providerId)) {
    return failureRedirect(federation, request, { reason: "unavailable", providerId });
  }

  // A form_post callback (OIDC Form Post Response Mode) carries a code and a state: a few kilobytes.
  const body = method === "POST" ? await readBoundedBody(request, MAX_CALLBACK_BYTES) : undefined;
  if (method === "POST" && !body) return new Response(null, { status: 413, headers: NO_STORE });

  return withFailureProbe(async (probe) => {
    const response = await federation.call(`${rest}${url.search}`, {
      method,
      headers: request.headers,
      body: body ? new TextDecoder().decode(body) : undefined,
    });
    const location = response.headers.get("location");
    if (!location || !isAuthJsPage(location, federation)) return withTidyCookies(response, federation);
    const reason = classifyFailure({
      authError: new URL(location, federation.origin).searchParams.get("error"),
      upstreamError: url.searchParams.get("error"),
      probe,
    });
    return failureRedirect(
      federation,
      request,
      { reason, providerId },
      tidySetCookies(response.headers.getSetCookie(), federation),
    );
  });
}

/** Back to the journey, with the reason in the result cookie where `takeUpstreamIdentity` looks. */
async function failureRedirect(
  federation: TenantFederation,
  request: Request,
  failure: FederationFailure,
  setCookies: string[] = [],
) {
  const { sessionToken, callbackUrl } = federation.cookies;
  const returnTo =
    validReturnUrl(federation.slug, federation.origin, requestCookies(request).get(callbackUrl.name)?.value) ??
    `${federation.origin}/${federation.slug}`;
  const token = await encodeOutcome({ ok: false, ...failure }, federation.secret, sessionToken.name);
  const headers = new Headers({ location: returnTo, ...NO_STORE });
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  headers.append(
    "set-cookie",
    serializeSetCookie({
      name: sessionToken.name,
      value: token,
      options: { ...sessionToken.options, maxAge: RESULT_MAX_AGE_SECONDS },
    }),
  );
  // 303: the journey is always fetched with GET, whichever method brought the callback (RFC 9110 §15.4.4).
  return new Response(null, { status: 303, headers });
}

/**
 * The trip is over: the return address is forgotten, and the CSRF cookie Auth.js hands out on every
 * request is dropped (only `startFederation` uses one, in-process).
 */
function tidySetCookies(setCookies: string[], federation: TenantFederation): string[] {
  const { csrfToken, callbackUrl } = federation.cookies;
  const kept = setCookies.filter(
    (header) => !header.startsWith(`${csrfToken.name}=`) && !header.startsWith(`${callbackUrl.name}=`),
  );
  return [...kept, serializeSetCookie({ name: callbackUrl.name, value: "", options: { ...callbackUrl.options, maxAge: 0 } })];
}

function withTidyCookies(response: Response, federation: TenantFederation): Response {
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of tidySetCookies(response.headers.getSetCookie(), federation)) headers.append("set-cookie", cookie);
  for (const [name, value] of Object.entries(NO_STORE)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
