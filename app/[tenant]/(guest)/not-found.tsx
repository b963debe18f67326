import { getTranslations } from "next-intl/server";

/** A page under a known tenant that does not exist: shown inside the tenant's branding. */
export default async function TenantPageNotFound() {
  const t = await getTranslations("notFound");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t("pageBody")}</p>
    </article>
  );
}
