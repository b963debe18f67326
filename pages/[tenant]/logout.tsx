import type { GetServerSideProps } from "next";
import Head from "next/head";
import { useTranslations } from "next-intl";
import { PlainGuestPage } from "../../app/_components/plain/guest-page";
import { logoutConfirmProps, type LogoutConfirmProps } from "../../app/_components/plain/more-guest-props";

// A plain page: no client runtime, no hydration (front-end review D5).
// `runtime` also satisfies the build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<LogoutConfirmProps> = logoutConfirmProps;

/**
 * "Sign out?" — RP-Initiated Logout §2: when the request does not prove which session it means
 * (no matching id_token_hint), the person confirms. The form posts back to the logout endpoint,
 * which accepts the confirmation only as a same-origin POST.
 */
export default function LogoutConfirmPage(props: LogoutConfirmProps) {
  return (
    <PlainGuestPage props={props}>
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      <Confirm {...props} />
    </PlainGuestPage>
  );
}

function Confirm({ tenant, action, carried }: LogoutConfirmProps) {
  const t = useTranslations("oidc.logout");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold">{t("title", { tenant: tenant.displayName })}</h1>
      <p className="mt-4">{t("body", { tenant: tenant.displayName })}</p>
      <form method="post" action={action} className="mt-6">
        {carried.map(({ name, value }) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="min-h-11 rounded-md bg-brand px-5 py-2 font-semibold text-on-brand">
          {t("confirm")}
        </button>
      </form>
    </article>
  );
}
