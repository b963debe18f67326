import { z } from "zod";
import { isSameOriginPost, readBoundedForm, safeLocalPath } from "../../_lib/http";
import { LOCALE_COOKIE, SUPPORTED_LOCALES } from "../../_lib/i18n";
import { settings, tenants } from "../../_lib/server";

const ONE_YEAR = 365 * 24 * 60 * 60;
/** A language and a return path: a few hundred bytes. */
const MAX_FORM_BYTES = 4 * 1024;
const formSchema = z.object({ locale: z.enum(SUPPORTED_LOCALES), returnTo: z.string().max(2048) });

/**
 * The language switcher's target: remembers the choice in a cookie and sends the person back to the
 * page they were on with 303 (RFC 9700 §4.12: never 307 after a POST).
 * Statuses: 303 done; 400 malformed form; 403 cross-site post; 404 unknown tenant; 413 too large.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const tenant = tenants().find((await params).tenant);
  if (!tenant) return new Response(null, { status: 404 });
  const { GUESTGATE_BASE_URL } = settings();
  if (!isSameOriginPost(request.headers, GUESTGATE_BASE_URL)) return new Response(null, { status: 403 });

  const read = await readBoundedForm(request, MAX_FORM_BYTES);
  if (!read.ok) return new Response(null, { status: read.status });
  const form = formSchema.safeParse(Object.fromEntries(read.form));
  if (!form.success) return new Response(null, { status: 400 });
  const home = `/${tenant.slug}`;
  const returnTo = safeLocalPath(form.data.returnTo, home) ?? home;
  // The admin portal speaks every language we have (see requestLocale); guest pages the tenant's.
  const admin = safeLocalPath(returnTo, `${home}/admin`) !== undefined;
  const allowed: readonly string[] = admin ? SUPPORTED_LOCALES : tenant.locales.enabled;
  if (!allowed.includes(form.data.locale)) return new Response(null, { status: 400 });
  const target = new URL(returnTo, GUESTGATE_BASE_URL);
  // ui_locales outranks the cookie, so a link that carried it would undo the choice just made.
  target.searchParams.delete("ui_locales");

  const secure = GUESTGATE_BASE_URL.startsWith("https:") ? "; Secure" : "";
  return new Response(null, {
    status: 303,
    headers: {
      Location: target.toString(),
      "Set-Cookie": `${LOCALE_COOKIE}=${form.data.locale}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax; HttpOnly${secure}`,
      "Cache-Control": "no-store",
    },
  });
}
