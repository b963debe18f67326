import { LOCALE_COOKIE, LOCALE_HEADER, isLocale, negotiateLocale } from "../../../_lib/i18n";
import { journeyCookie, startJourney } from "../../../_lib/journeys";
import { isInteractionError } from "../../../_lib/oidc";
import { journeyDeps, oidc, settings, tenants, withErrorPage } from "../../../_lib/server";

/**
 * Where authorize sends the person who must act: starts the user flow assigned to the application
 * and sends the browser to its first page, bound to this browser by a cookie.
 * Statuses: 303 to the journey or to the localized error page; 404 for an unknown tenant.
 */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant: slug, id } = await params;
  const tenant = tenants().find(slug);
  if (!tenant) return new Response(null, { status: 404 });
  const { GUESTGATE_BASE_URL } = settings();
  const errorPage = (code: string) => seeOther(new URL(`/${tenant.slug}/error?code=${code}`, GUESTGATE_BASE_URL).toString());

  let interaction;
  try {
    interaction = await oidc().describeInteraction(tenant.slug, id);
    // Only the browser that made the authorization request may sign in for it (the resume
    // endpoint checks the same binding at the end, which is too late to stop a phished sign-in).
    if (!(await oidc().isBoundToBrowser(request, tenant.slug, id))) return errorPage("interaction_other_browser");
  } catch (error) {
    if (isInteractionError(error)) return errorPage("interaction_expired");
    throw error;
  }

  // ui_locales from the application picks the journey's language (OIDC Core §3.1.2.1); the cookie
  // carries it to every page of the journey, and the switcher can still change it.
  const pageLocale = request.headers.get(LOCALE_HEADER);
  const current = isLocale(pageLocale) ? pageLocale : tenant.locales.default;
  const locale = interaction.uiLocales
    ? negotiateLocale({ uiLocales: interaction.uiLocales }, tenant.locales.enabled, current)
    : current;

  const deps = journeyDeps();
  const started = await startJourney(deps, tenant, {
    interactionId: interaction.id,
    clientId: interaction.clientId,
    locale,
    notAfter: interaction.expiresAt,
  });
  if (!started.ok) return errorPage("no_user_flow");

  const cookies = [journeyCookie(started.journey, started.bindingNonce, deps.secureCookies)];
  if (interaction.uiLocales) {
    cookies.push(
      `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${deps.secureCookies ? "; Secure" : ""}`,
    );
  }
  return seeOther(new URL(`/${tenant.slug}/journey/${started.journey.id}`, GUESTGATE_BASE_URL).toString(), cookies);
});

function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}
