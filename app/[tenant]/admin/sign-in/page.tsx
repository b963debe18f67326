import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageRequest } from "../../../_lib/http/page-request";
import { tenantOrNotFound } from "../../tenant";
import { PasskeyCeremony, PasskeyScript } from "../_components/passkey-ceremony";
import { adminLocale } from "../_lib/session";
import { portalReturnPath } from "../_lib/sign-in";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const ERRORS = ["refused", "expired", "cancelled", "failed", "otherAdministrator"] as const;
type SignInError = (typeof ERRORS)[number];

function errorOf(value: unknown): SignInError | undefined {
  return ERRORS.find((code) => code === value);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("admin.signIn");
  const failed = errorOf((await searchParams).error) !== undefined;
  return { title: t(failed ? "titleWithError" : "title", { tenant: tenant.displayName }) };
}

/**
 * The portal's sign-in page: what the portal is, a "Sign in" button (a form: it works without
 * JavaScript) that starts the code flow with the tenant's own provider, and — where the browser
 * can — "Sign in with a passkey". Says why the person is here (signed out, must prove it again,
 * refused) in the portal's language.
 */
export default async function AdminSignInPage({ params, searchParams }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const query = await searchParams;
  const [t, request, locale] = [await getTranslations("admin.signIn"), await pageRequest(), await adminLocale()];
  const returnTo = portalReturnPath(tenant.slug, query.returnTo);
  const reauthenticate = query.reauthenticate === "1";
  const error = errorOf(query.error);
  const values = { tenant: tenant.displayName };
  const base = `/${tenant.slug}/admin`;
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("heading", values)}</h1>
      {error && (
        <div role="alert" className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-4 text-black">
          <p className="font-semibold">{t(`errors.${error}`, values)}</p>
        </div>
      )}
      {!error && query.signedOut === "1" && (
        <p role="status" className="mt-4 rounded border-l-4 border-gray-700 bg-gray-100 p-4">
          {t("signedOut")}
        </p>
      )}
      {!error && reauthenticate && (
        <p role="status" className="mt-4 rounded border-l-4 border-gray-700 bg-gray-100 p-4">
          {t("reauthenticate")}
        </p>
      )}
      <p className="mt-4">{t("intro", values)}</p>
      <p className="mt-2 text-gray-800">{t("guestsElsewhere")}</p>
      <form method="post" action={`${base}/sign-in/start`} className="mt-6">
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="locale" value={locale} />
        {reauthenticate && <input type="hidden" name="reauthenticate" value="1" />}
        <button
          type="submit"
          className="min-h-11 rounded bg-gray-900 px-5 py-2 font-semibold text-white hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
        >
          {t("submit")}
        </button>
      </form>
      <div className="mt-6">
        <PasskeyCeremony
          mode="authenticate"
          options={`${base}/passkeys/authentication/options`}
          verify={`${base}/passkeys/authentication/verify`}
          label={t("passkey")}
          texts={{
            working: t("passkeyWorking"),
            failed: t("passkeyFailed"),
            refused: t("errors.refused", values),
            expired: t("passkeyExpired"),
          }}
        >
          <input type="hidden" name="returnTo" value={returnTo} />
          {reauthenticate && <input type="hidden" name="reauthenticate" value="1" />}
        </PasskeyCeremony>
      </div>
      <PasskeyScript nonce={request.nonce} />
    </section>
  );
}
