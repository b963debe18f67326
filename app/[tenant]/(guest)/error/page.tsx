import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnexpectedError } from "../../../_components/errors/unexpected-error";
import { UNEXPECTED_ERROR_CODE } from "../../../_lib/http";
import { isWellFormedReference } from "../../../_lib/log";
import { isErrorPageCode } from "../../../_lib/oidc";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ code?: string | string[]; ref?: string | string[] }>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const code = (await searchParams).code;
  const t = await getTranslations();
  const title =
    code === UNEXPECTED_ERROR_CODE
      ? t("errors.generic.title")
      : t(`oidc.error.${isErrorPageCode(code) ? code : "invalid_request"}.title`);
  return { title: t("meta.errorTitle", { title, tenant: tenant.displayName }), robots: { index: false } };
}

/**
 * Where the OpenID provider sends the person when it must not redirect to the application (unknown
 * client, unregistered redirect URI: RFC 6749 §4.1.2.1), and where a route handler that failed
 * unexpectedly sends them (`code=unexpected&ref=…`, app/_lib/http/error-page-on-failure.ts). Only
 * a fixed set of codes is shown, and a reference only when it has a reference's shape; nothing
 * else from the request is echoed.
 */
export default async function AuthErrorPage({ params, searchParams }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const { code: raw, ref } = await searchParams;
  if (raw === UNEXPECTED_ERROR_CODE) {
    return <UnexpectedError reference={isWellFormedReference(ref) ? ref : undefined} homeHref={`/${tenant.slug}`} offerBack />;
  }
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
