import { getTranslations } from "next-intl/server";
import { pageRequest } from "../../_lib/http/page-request";

/** What `forbidden()` renders (status 403) when the administrator's roles do not allow a page. */
export default async function AdminForbidden() {
  const [t, request] = [await getTranslations("admin.forbidden"), await pageRequest()];
  const tenantSlug = request.path.split("/")[1] ?? "";
  return (
    <article className="rounded-lg border border-gray-300 bg-white p-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t("body")}</p>
      <p className="mt-6">
        <a href={`/${tenantSlug}/admin`} className="font-semibold text-gray-900 underline underline-offset-4">
          {t("back")}
        </a>
      </p>
    </article>
  );
}
