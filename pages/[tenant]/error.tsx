import type { GetServerSideProps } from "next";
import Head from "next/head";
import { useTranslations } from "next-intl";
import { UnexpectedError } from "../../app/_components/errors/unexpected-error";
import { PlainGuestPage } from "../../app/_components/plain/guest-page";
import { errorPageProps, type ErrorPageProps } from "../../app/_components/plain/error-page-props";

// A plain page: no client runtime, no hydration (front-end review D5).
// `runtime` also satisfies the build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<ErrorPageProps> = errorPageProps;

/**
 * Where the OpenID provider sends the person when it must not redirect to the application (unknown
 * client, unregistered redirect URI: RFC 6749 §4.1.2.1), and where a route handler that failed
 * unexpectedly sends them (`code=unexpected&ref=…`, app/_lib/http/error-page-on-failure.ts). Only
 * a fixed set of codes is shown, and a reference only when it has a reference's shape; nothing
 * else from the request is echoed.
 */
export default function AuthErrorPage(props: ErrorPageProps) {
  return (
    <PlainGuestPage props={props}>
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      {props.error.type === "unexpected" ? (
        // Without the client runtime its "Go back" (history) control is never offered: the links are.
        <UnexpectedError reference={props.error.reference ?? undefined} homeHref={`/${props.tenant.slug}`} offerBack />
      ) : (
        <AuthError code={props.error.code} tenant={props.tenant.displayName} />
      )}
    </PlainGuestPage>
  );
}

function AuthError({ code, tenant }: { code: Extract<ErrorPageProps["error"], { type: "oauth" }>["code"]; tenant: string }) {
  const t = useTranslations("oidc.error");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow" aria-labelledby="error-title">
      <h1 id="error-title" className="text-2xl font-bold">
        {t(`${code}.title`)}
      </h1>
      <p className="mt-4">{t(`${code}.body`, { tenant })}</p>
      <p className="mt-4">{t("hint")}</p>
    </article>
  );
}
