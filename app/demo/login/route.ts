import { isLocale } from "../../_lib/i18n";
import { tenants } from "../../_lib/server";
import { demoErrorUrl, isOnDemoOrigin, TRANSACTION_COOKIE, TRANSACTION_SECONDS } from "../_lib/config";
import { demo, demoCookie, notFoundResponse, seeOther } from "../_lib/demo";
import { DiscoveryError } from "../_lib/relying-party";
import { seal } from "../_lib/seal";

export const dynamic = "force-dynamic";

/**
 * GET /demo/login?tenant=SLUG[&lang=LOCALE]: starts the authorization code flow. The state, nonce
 * and PKCE verifier go into a sealed cookie on the demo's origin; the browser goes to the tenant's
 * authorization endpoint. `lang` becomes ui_locales; without it Guestgate uses the browser's languages.
 * Statuses: 303 to Guestgate (or to the demo's own origin first); 400 bad lang; 404 demo off or unknown tenant.
 */
export async function GET(request: Request): Promise<Response> {
  const current = demo();
  if (!current) return notFoundResponse();
  const url = new URL(request.url);
  if (!current.origin || !current.relyingParty) return seeOther(new URL("/demo", current.baseUrl));
  // The transaction cookie must be set on 127.0.0.1, where the callback will arrive.
  if (!isOnDemoOrigin(current.origin, request.headers.get("host"))) {
    return seeOther(new URL(`/demo/login${url.search}`, current.origin));
  }

  const tenant = tenants().find(url.searchParams.get("tenant") ?? "");
  if (!tenant) return notFoundResponse();
  const lang = url.searchParams.get("lang") || undefined;
  if (lang !== undefined && !(isLocale(lang) && tenant.locales.enabled.includes(lang))) {
    return new Response(null, { status: 400, headers: { "Cache-Control": "no-store" } });
  }

  try {
    const { url: authorize, transaction } = await current.relyingParty.startLogin(tenant.slug, lang);
    const sealed = await seal("transaction", { ...transaction }, current.key, { seconds: TRANSACTION_SECONDS });
    return seeOther(authorize, [demoCookie(TRANSACTION_COOKIE, sealed, TRANSACTION_SECONDS)]);
  } catch (error) {
    if (!(error instanceof DiscoveryError)) throw error;
    console.warn(`[demo] ${error.message}:`, error.cause);
    return seeOther(demoErrorUrl(current.origin, "unavailable", { tenant: tenant.slug }));
  }
}
