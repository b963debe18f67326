import type { GetServerSideProps } from "next";
import Head from "next/head";
import { useTranslations } from "next-intl";
import { FailurePage, isFailure } from "../../../app/_components/plain/failure-page";
import { withFailurePage, type FailureProps } from "../../../app/_components/plain/failure-props";
import { PlainGuestPage } from "../../../app/_components/plain/guest-page";
import { accountProps, type AccountProps } from "../../../app/_components/plain/more-guest-props";

// A plain page: no client runtime, no hydration (front-end review D5).
// `runtime` also satisfies the build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<AccountProps | FailureProps> = withFailurePage(
  "/[tenant]/account",
  accountProps,
);

/** The signed-in guest's own page (more-guest-props.ts says what signed in means here). */
export default function AccountPage(props: AccountProps | FailureProps) {
  if (isFailure(props)) return <FailurePage props={props} />;
  return (
    <PlainGuestPage props={props}>
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      <Account {...props} />
    </PlainGuestPage>
  );
}

function Account({ tenant, rows, noAttributes }: AccountProps) {
  const t = useTranslations("account");
  const values = { tenant: tenant.displayName };
  if (!rows) {
    return (
      <article className="rounded-xl bg-white p-8 text-black shadow">
        <h1 className="text-2xl font-bold text-brand">{t("signInFirst.title")}</h1>
        <p className="mt-4">{t("signInFirst.body", values)}</p>
      </article>
    );
  }
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold text-brand">{t("title", values)}</h1>
      <p className="mt-4">{t("intro", values)}</p>
      <dl className="mt-6 divide-y divide-gray-200 border-y border-gray-200">
        {rows.map((row) => (
          <div key={row.key} className="flex flex-col gap-1 py-3 sm:flex-row sm:gap-4">
            <dt className="font-semibold sm:w-1/3">{row.label}</dt>
            <dd className="break-words sm:w-2/3">{row.value}</dd>
          </div>
        ))}
      </dl>
      {noAttributes && <p className="mt-4">{t("empty")}</p>}
      <a
        href={`/${tenant.slug}/account/profile`}
        className="mt-8 inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-6 py-2 font-semibold text-on-brand hover:opacity-90"
      >
        {t("edit")}
      </a>
    </article>
  );
}
