import { isSameOriginPost } from "../../http";
import { isLocale, LOCALE_HEADER, type Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import { JOURNEY_COOKIE, journeyCookie } from "../engine/cookie";
import { journeyStepPath } from "../engine/step-path";
import type { JourneyOutcome } from "../engine/types";

/**
 * The one 303 of every journey answer: after a form POST a redirect must not be 307 (RFC 9700
 * §4.12), and no answer here may be cached.
 */
export function seeOther(location: string, cookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

export const status = (code: 400 | 403 | 404 | 413) =>
  new Response(null, { status: code, headers: { "Cache-Control": "no-store" } });

/** Marks a 429 as the journey's, so the route can draw its page (app/_components/too-many-page.ts). */
export const JOURNEY_RETRY_HEADER = "x-guestgate-journey";

/**
 * Over a sign-up limit: 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3), no body. The route
 * turns it into the localized "try again in N minutes" page; the journey it names waits meanwhile.
 */
export function tooManyRequests(retryAfterSeconds: number, journeyUrl: string): Response {
  return new Response(null, {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store", [JOURNEY_RETRY_HEADER]: journeyUrl },
  });
}

/** The one CSRF defence of every journey POST: the browser says the form came from our own origin. */
export function fromOurOrigin(request: Request, baseUrl: string): boolean {
  return isSameOriginPost(request.headers, new URL(baseUrl).origin);
}

/**
 * The one locale rule of every journey request: the language the proxy chose for this request
 * (ui_locales → cookie → Accept-Language, docs/ARCHITECTURE.md, "A page request") when the tenant offers it, else the
 * tenant's default.
 */
export function requestLocaleOf(request: Request, tenant: Tenant): Locale {
  const chosen = request.headers.get(LOCALE_HEADER);
  return isLocale(chosen) && tenant.locales.enabled.includes(chosen) ? chosen : tenant.locales.default;
}

/** The journey cookie this request carries (the nonce that proves it is the journey's browser). */
export function journeyBinding(request: Request): string | undefined {
  const values = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${JOURNEY_COOKIE}=`))
    .map((part) => part.slice(JOURNEY_COOKIE.length + 1));
  // Two journey cookies on one path would be ambiguous; the path scoping means there is only one.
  return values.length === 1 && /^[A-Za-z0-9_-]{1,128}$/.test(values[0]!) ? values[0] : undefined;
}

/**
 * A journey outcome as an HTTP answer: always 303, to our own pages or to where the completion
 * target said (the authorize resume URL the OpenID provider gave us, or a checked path of the
 * tenant) — never to anything the request said.
 */
export function respond(outcome: JourneyOutcome, tenant: Tenant, baseUrl: string, secureCookies: boolean): Response {
  const local = (path: string) => new URL(path, baseUrl).toString();
  const slug = tenant.slug;
  switch (outcome.kind) {
    case "show":
      return seeOther(
        // The step's own address when the outcome names it (one history entry per step, D10);
        // /{tenant}/journey/{id} itself redirects to the current step.
        local(outcome.state ? journeyStepPath(slug, outcome.journeyId, outcome.state) : `/${slug}/journey/${outcome.journeyId}`),
        outcome.binding ? [journeyCookie(outcome.binding, secureCookies)] : [],
      );
    case "redirect":
      return seeOther(local(outcome.to), outcome.setCookies);
    case "federate":
      return seeOther(
        local(`/${slug}/journey/${outcome.journeyId}/federate/${encodeURIComponent(outcome.providerId)}`),
        outcome.binding ? [journeyCookie(outcome.binding, secureCookies)] : [],
      );
    case "signInRequired":
      return seeOther(local(`/${slug}/account`));
    case "notFound":
      return status(404);
    case "forbidden":
    case "gone":
      // the page explains both in the person's language
      return seeOther(errorPage(slug, outcome.kind === "gone" ? "interaction_expired" : "interaction_other_browser", baseUrl));
    case "tooMany":
      return tooManyRequests(outcome.retryAfterSeconds, local(`/${slug}/journey/${outcome.journeyId}`));
  }
}

export function errorPage(slug: string, code: string, baseUrl: string): string {
  return new URL(`/${slug}/error?code=${code}`, baseUrl).toString();
}
