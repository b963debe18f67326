import { getTranslations } from "next-intl/server";
import type { AdminCapability, AdminSession } from "../../../_lib/admin";
import type { AdministratorActor } from "../../../_lib/directory";
import { isSameOriginPost, readBoundedBody, safeLocalPath } from "../../../_lib/http";
import { negotiateLocale, SUPPORTED_LOCALES, LOCALE_COOKIE, type Locale } from "../../../_lib/i18n";
import { readCookie } from "../../../_lib/oidc";
import { services, settings, tenants } from "../../../_lib/server";
import type { Tenant } from "../../../_lib/tenant";
import { adminCookieName, passkeyStepDue, signInPath } from "./session";
import { passkeyStepPath } from "./sign-in";

/** Forms of the portal are small; a CSV upload declares its own limit. */
const DEFAULT_MAX_BYTES = 64 * 1024;

export interface AdminActionInput<P> {
  request: Request;
  tenant: Tenant;
  session: AdminSession;
  actor: AdministratorActor;
  /** The body read as an url-encoded form (what every portal form sends). */
  form: URLSearchParams;
  /** The raw body, already bounded (a multipart upload parses this itself). */
  body: Uint8Array;
  params: P;
}

/** What an action answers: a path of the portal to 303 to, or a response of its own. */
export type AdminActionResult = { redirect: string } | Response;

/**
 * A portal form's POST route: tenant → CSRF (Fetch Metadata / Origin) → bounded body (counted
 * while streaming, chunked included) → session → capability (→ 403 page) → fresh proof for
 * `recent` actions → the handler, which calls one service verb with `actor` → 303 (RFC 9700
 * §4.12: never 307 after a POST). A redirect outside the portal is refused (no open redirect).
 */
export function adminAction<P extends Record<string, string> = Record<string, string>>(
  capability: AdminCapability,
  handle: (input: AdminActionInput<P>) => Promise<AdminActionResult>,
  options: { recent?: boolean; maxBytes?: number } = {},
): (request: Request, context: { params: Promise<P & { tenant: string }> }) => Promise<Response> {
  return async (request, context) => {
    const { tenant: slug, ...params } = await context.params;
    const tenant = tenants().find(slug);
    if (!tenant) return new Response(null, { status: 404 });
    const base = settings().GUESTGATE_BASE_URL;
    if (!isSameOriginPost(request.headers, base)) return new Response(null, { status: 403 });
    const body = await readBoundedBody(request, options.maxBytes ?? DEFAULT_MAX_BYTES);
    if (!body) return new Response(null, { status: 413 });

    const portal = `/${tenant.slug}/admin`;
    const form = new URLSearchParams(new TextDecoder().decode(body));
    // Where to come back to after signing in again: the form says (Referer is off: no-referrer).
    const back = safeLocalPath(form.get("returnTo"), portal) ?? portal;
    const token = readCookie(request, adminCookieName(tenant.slug));
    const session = await services().admin.sessions.resolve(tenant.slug, token);
    if (!session) return seeOther(new URL(signInPath(tenant.slug, back), base));
    if (await passkeyStepDue(tenant, session)) return seeOther(new URL(passkeyStepPath(tenant.slug, back), base));
    const actor = session.actorFor(capability);
    if (!actor) return forbiddenPage(request, tenant);
    if (options.recent && !session.recentlyAuthenticated)
      return seeOther(new URL(signInPath(tenant.slug, back, { reauthenticate: true }), base));

    const result = await handle({ request, tenant, session, actor, form, body, params: params as unknown as P });
    if (result instanceof Response) return result;
    const target = safeLocalPath(result.redirect, portal) ?? portal;
    return seeOther(new URL(target, base));
  };
}

function seeOther(location: URL): Response {
  return new Response(null, { status: 303, headers: { Location: location.toString(), "Cache-Control": "no-store" } });
}

/** The language of a route handler's answer: the switcher's cookie, then Accept-Language. */
function actionLocale(request: Request, tenant: Tenant): Locale {
  return negotiateLocale(
    { uiLocales: null, cookie: readCookie(request, LOCALE_COOKIE), acceptLanguage: request.headers.get("accept-language") },
    SUPPORTED_LOCALES,
    tenant.locales.default,
  );
}

/** 403 for an action the administrator's roles do not allow: a small localized page, not a bare status. */
async function forbiddenPage(request: Request, tenant: Tenant): Promise<Response> {
  const locale = actionLocale(request, tenant);
  const t = await getTranslations({ locale, namespace: "admin.forbidden" });
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t("title"))}</title></head><body><main><h1>${escape(t("title"))}</h1><p>${escape(t("body"))}</p><p><a href="/${tenant.slug}/admin">${escape(t("back"))}</a></p></main></body></html>`;
  return new Response(html, {
    status: 403,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Language": locale },
  });
}
