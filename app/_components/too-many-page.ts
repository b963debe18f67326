import { NONCE_HEADER, notFoundDocument } from "../_lib/http";
import { isLocale, LOCALE_HEADER } from "../_lib/i18n";
import { JOURNEY_RETRY_HEADER } from "../_lib/journeys";
import { tenants } from "../_lib/server";
import { journeyTranslator } from "./journey/translator";
import { tenantLook } from "./not-found-page";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * A journey route whose answer is the engine's bare 429 (over a sign-up limit) answers with a page
 * instead: "try again in N minutes" in the page's language and the tenant's look, a link back to
 * the journey, and the Retry-After the engine set. Built on the server with no script, like the
 * 404 (a Next page cannot answer 429). Every other answer passes unchanged.
 */
export function withTooManyPage<C extends { params: Promise<{ tenant: string }> }>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const response = await handler(request, context);
    const journeyUrl = response.headers.get(JOURNEY_RETRY_HEADER);
    const tenant = response.status === 429 && journeyUrl ? tenants().find((await context.params).tenant) : undefined;
    if (!tenant || !journeyUrl) return response;
    const chosen = request.headers.get(LOCALE_HEADER);
    const locale = isLocale(chosen) && tenant.locales.enabled.includes(chosen) ? chosen : tenant.locales.default;
    const t = await journeyTranslator(locale, undefined);
    const retryAfter = Number(response.headers.get("Retry-After")) || 60;
    const title = t("signUpProtection.tooMany.title");
    const html = notFoundDocument({
      lang: locale,
      title: t("meta.errorTitle", { title, tenant: tenant.displayName }),
      heading: title,
      body: `${t("signUpProtection.tooMany.body", { minutes: Math.ceil(retryAfter / 60) })} ${t("signUpProtection.tooMany.signInStill")}`,
      homeHref: new URL(journeyUrl).pathname,
      homeLabel: t("signUpProtection.tooMany.back"),
      nonce: request.headers.get(NONCE_HEADER) ?? "",
      // The switcher comes back to the journey (this answer was to a POST or a one-time callback).
      ...tenantLook(tenant, locale, t, new URL(journeyUrl).pathname),
    });
    return new Response(html, {
      status: 429,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(retryAfter) },
    });
  };
}
