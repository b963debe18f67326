import { cookies } from "next/headers";
import { formValues } from "../../../../_lib/directory";
import { clientAddress, isSameOriginPost } from "../../../../_lib/http";
import { isLocale, LOCALE_HEADER } from "../../../../_lib/i18n";
import { JOURNEY_COOKIE, submitJourney } from "../../../../_lib/journeys";
import { journeyDeps, settings, tenants, withErrorPage } from "../../../../_lib/server";
import { respond, unlessRequestGone } from "../respond";

/** A form is a few kilobytes; anything far larger is not one of ours. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * Every form of a journey posts here. Statuses: 303 (to the journey page, the upstream provider or
 * back to the application); 400 not a form; 403 cross-site; 404 unknown tenant or journey; 413 too large.
 */
export const POST = withErrorPage(async function POST(
  request: Request,
  { params }: { params: Promise<{ tenant: string; id: string }> },
): Promise<Response> {
  const { tenant: slug, id } = await params;
  const tenant = tenants().find(slug);
  if (!tenant) return new Response(null, { status: 404 });
  const { GUESTGATE_BASE_URL } = settings();
  if (!isSameOriginPost(request.headers, GUESTGATE_BASE_URL)) return new Response(null, { status: 403 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) return new Response(null, { status: 413 });
  if (!request.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded"))
    return new Response(null, { status: 400 });

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new Response(null, { status: 400 });
  }
  const pageLocale = request.headers.get(LOCALE_HEADER);
  const outcome = await unlessRequestGone(
    submitJourney(journeyDeps(), {
      tenant,
      journeyId: id,
      binding: (await cookies()).get(JOURNEY_COOKIE)?.value,
      input: formValues(form),
      client: clientAddress(request.headers),
      locale: isLocale(pageLocale) && tenant.locales.enabled.includes(pageLocale) ? pageLocale : tenant.locales.default,
    }),
  );
  return respond(outcome, tenant.slug, GUESTGATE_BASE_URL);
});
