import { getTranslations } from "next-intl/server";
import { isErrorPageCode } from "../../../_lib/oidc";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ code?: string | string[] }>;
}

/**
 * Where the OpenID provider sends the person when it must not redirect to the application (unknown
 * client, unregistered redirect URI: RFC 6749 §4.1.2.1). Only a fixed set of codes is shown; nothing
 * from the request is echoed.
 */
export default async function AuthErrorPage({ params, searchParams }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const raw = (await searchParams).code;
  const code = isErrorPageCode(raw) ? raw : "invalid_request";
  const t = await getTranslations("oidc.error");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow" aria-labelledby="error-title">
      <h1 id="error-title" className="text-2xl font-bold">
        {t(`${code}.title`)}
      </h1>
      <p className="mt-4">{t(`${code}.body`, { tenant: tenant.displayName })}</p>
      <p className="mt-4">{t("hint")}</p>
    </article>
  );
}
