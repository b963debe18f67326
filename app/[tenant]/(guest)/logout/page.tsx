import { getTranslations } from "next-intl/server";
import { oidc } from "../../../_lib/server";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Carried through the confirmation form unchanged; the endpoint validates them again. */
const CARRIED = ["client_id", "post_logout_redirect_uri", "state", "ui_locales"] as const;

/**
 * "Sign out?" — RP-Initiated Logout §2: when the request does not prove which session it means
 * (no matching id_token_hint), the person confirms. The form posts back to the logout endpoint,
 * which accepts the confirmation only as a same-origin POST.
 */
export default async function LogoutConfirmPage({ params, searchParams }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const query = await searchParams;
  const t = await getTranslations("oidc.logout");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold">{t("title", { tenant: tenant.displayName })}</h1>
      <p className="mt-4">{t("body", { tenant: tenant.displayName })}</p>
      <form method="post" action={oidc().urls(tenant.slug).logout} className="mt-6">
        {CARRIED.map((name) => {
          const value = query[name];
          return typeof value === "string" ? <input key={name} type="hidden" name={name} value={value} /> : null;
        })}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="min-h-11 rounded-md bg-brand px-5 py-2 font-semibold text-on-brand">
          {t("confirm")}
        </button>
      </form>
    </article>
  );
}
