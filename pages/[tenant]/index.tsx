import type { GetServerSideProps } from "next";
import Head from "next/head";
import { useTranslations } from "next-intl";
import { FailurePage, isFailure } from "../../app/_components/plain/failure-page";
import { withFailurePage, type FailureProps } from "../../app/_components/plain/failure-props";
import { PlainGuestPage } from "../../app/_components/plain/guest-page";
import { tenantHomeProps, type TenantHomeProps } from "../../app/_components/plain/tenant-home-props";

// A plain page: no client runtime, no hydration (front-end review D5).
// `runtime` also satisfies the build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<TenantHomeProps | FailureProps> = withFailurePage(
  "/[tenant]",
  tenantHomeProps,
);

/** The one page of a tenant worth finding in a search engine: it says what it is for (the journey pages are noindex). */
export default function TenantHomePage(props: TenantHomeProps | FailureProps) {
  if (isFailure(props)) return <FailurePage props={props} />;
  return (
    <PlainGuestPage props={props}>
      <Head>
        <meta name="description" content={props.description} />
      </Head>
      <TenantHome {...props} />
    </PlainGuestPage>
  );
}

function TenantHome({ tenant, copy, selfServiceSignUp }: TenantHomeProps) {
  const t = useTranslations("tenantHome");
  const values = { tenant: tenant.displayName };
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-3xl font-bold text-brand">{t("title", values)}</h1>
      <p className="mt-4 text-lg">{t(copy.intro, values)}</p>
      <h2 className="mt-8 text-xl font-semibold">{t("howHeading")}</h2>
      <ol className="mt-4 list-decimal space-y-2 pl-6 marker:font-bold marker:text-brand">
        <li>{t(copy.step, { providers: copy.providers })}</li>
        <li>{t("stepDetails", values)}</li>
        <li>{t("stepReturn")}</li>
      </ol>
      <p className="mt-8 rounded-lg border-l-4 border-brand bg-accent/40 p-4">
        {selfServiceSignUp ? t("startHint") : t("signUpClosed", values)}
      </p>
      <p className="mt-6">
        <a href={`/${tenant.slug}/account`} className="font-semibold text-brand underline underline-offset-2">
          {t("accountLink")}
        </a>
      </p>
    </article>
  );
}
