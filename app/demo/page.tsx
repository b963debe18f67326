import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LOCALE_AUTONYMS } from "../_lib/i18n";
import { mailer, tenants } from "../_lib/server";
import { DEMO_SCOPE, demoClientId, demoRedirectUri, isOnDemoOrigin, tenantIssuer, SESSION_COOKIE } from "./_lib/config";
import { demoOrNotFound, pageHost, readSealed } from "./_lib/demo";
import type { DemoSession } from "./_lib/session";

export async function generateMetadata(): Promise<Metadata> {
  const [t, app] = [await getTranslations("demo.start"), await getTranslations("demo")];
  // The layout's title template does not reach a page of its own segment.
  return { title: `${t("title")} – ${app("appName")}` };
}

const link = "underline underline-offset-2";

/** /demo: pick an organisation and a language, and sign in. */
export default async function DemoStartPage() {
  const demo = demoOrNotFound();
  const t = await getTranslations("demo.start");
  if (!demo.origin) {
    return (
      <article className="rounded-xl bg-white p-8 text-black shadow">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-4">{t("unavailable")}</p>
      </article>
    );
  }
  // The demo is its own site at 127.0.0.1 (see config.ts): its cookies must be set there.
  if (!isOnDemoOrigin(demo.origin, await pageHost())) redirect(`${demo.origin}/demo`);

  const session = await readSealed<DemoSession>(demo, "session", SESSION_COOKIE);
  const outbox = mailer().via === "outbox";
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4 text-lg">{t("intro")}</p>
      {session && (
        <p className="mt-6 rounded-lg border-l-4 border-brand bg-accent/40 p-4">
          {t("signedIn")}{" "}
          <Link className={link} href="/demo/result">
            {t("showResult")}
          </Link>
        </p>
      )}
      {tenants()
        .list()
        .map((tenant) => (
          <section key={tenant.slug} className="mt-8" aria-labelledby={`tenant-${tenant.slug}`}>
            <h2 id={`tenant-${tenant.slug}`} className="text-xl font-semibold">
              {tenant.displayName}
            </h2>
            <p className="mt-2">{t("tenantIntro", { tenant: tenant.displayName })}</p>
            <ul className="mt-3 space-y-2">
              {tenant.locales.enabled.map((locale) => (
                <li key={locale}>
                  <a
                    className="inline-block min-h-11 rounded-md bg-brand px-4 py-2.5 font-semibold text-on-brand"
                    href={`/demo/login?tenant=${encodeURIComponent(tenant.slug)}&lang=${locale}`}
                  >
                    {t.rich("signInIn", {
                      tenant: tenant.displayName,
                      language: LOCALE_AUTONYMS[locale],
                      lang: (chunks) => <span lang={locale}>{chunks}</span>,
                    })}
                  </a>
                </li>
              ))}
              <li>
                <a className={link} href={`/demo/login?tenant=${encodeURIComponent(tenant.slug)}`}>
                  {t("signInBrowser", { tenant: tenant.displayName })}
                </a>
              </li>
            </ul>
          </section>
        ))}
      {outbox && (
        <p className="mt-8 rounded-lg border-l-4 border-brand bg-accent/40 p-4">
          {t.rich("outboxHint", {
            link: (chunks) => (
              <a className={link} href={`${demo.baseUrl}/dev/outbox`}>
                {chunks}
              </a>
            ),
          })}
        </p>
      )}
      <details className="mt-8">
        <summary className="cursor-pointer font-semibold">{t("detailsSummary")}</summary>
        <p className="mt-3">{t("detailsFlow")}</p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-semibold">{t("redirectUri")}</dt>
          <dd className="break-all font-mono">{demoRedirectUri(demo.origin)}</dd>
          <dt className="font-semibold">{t("scope")}</dt>
          <dd className="font-mono">{DEMO_SCOPE}</dd>
          {tenants()
            .list()
            .flatMap((tenant) => [
              <dt key={`${tenant.slug}-issuer`} className="font-semibold">
                {t("issuer", { tenant: tenant.displayName })}
              </dt>,
              <dd key={`${tenant.slug}-issuer-value`} className="break-all font-mono">
                {tenantIssuer(demo.baseUrl, tenant.slug)}
              </dd>,
              <dt key={`${tenant.slug}-client`} className="font-semibold">
                {t("clientId", { tenant: tenant.displayName })}
              </dt>,
              <dd key={`${tenant.slug}-client-value`} className="break-all font-mono">
                {demoClientId(tenant.slug)}
              </dd>,
            ])}
        </dl>
      </details>
    </article>
  );
}
