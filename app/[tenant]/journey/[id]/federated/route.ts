import { cookies } from "next/headers";
import { clientAddress } from "../../../../_lib/http";
import { isLocale, LOCALE_HEADER } from "../../../../_lib/i18n";
import type { Tenant } from "../../../../_lib/tenant";
import { JOURNEY_COOKIE, upstreamReturned, type UpstreamResult } from "../../../../_lib/journeys";
import { federation, journeyDeps, settings, tenants, withErrorPage } from "../../../../_lib/server";
import { respond, unlessRequestGone } from "../respond";

/**
 * Where Auth.js sends the browser back after the upstream provider: the normalised identity (or
 * the reason it failed) is taken once and handed to the journey. Statuses: 303; 404 unknown tenant.
 */
export const GET = withErrorPage(async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant: slug, id } = await params;
  const tenant = tenants().find(slug);
  if (!tenant) return new Response(null, { status: 404 });
  const outcome = await federation().takeUpstreamIdentity(tenant);
  const result: UpstreamResult = !outcome
    ? { failure: "upstreamError" }
    : outcome.ok
      ? { identity: outcome.identity }
      : { failure: outcome.reason };
  const submission = {
    tenant,
    journeyId: id,
    binding: (await cookies()).get(JOURNEY_COOKIE)?.value,
    client: clientAddress(request.headers),
    locale: pageLocale(request, tenant),
  };
  const next = await unlessRequestGone(upstreamReturned(journeyDeps(), submission, result));
  return respond(next, tenant.slug, settings().GUESTGATE_BASE_URL);
});

/** The language the proxy chose for this request, within the tenant's. */
function pageLocale(request: Request, tenant: Tenant) {
  const chosen = request.headers.get(LOCALE_HEADER);
  return isLocale(chosen) && tenant.locales.enabled.includes(chosen) ? chosen : tenant.locales.default;
}
