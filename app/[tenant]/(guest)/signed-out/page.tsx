import { getTranslations } from "next-intl/server";
import { tenantOrNotFound } from "../../tenant";

/** After RP-initiated logout without a post_logout_redirect_uri. */
export default async function SignedOutPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("oidc.signedOut");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t("body", { tenant: tenant.displayName })}</p>
    </article>
  );
}
