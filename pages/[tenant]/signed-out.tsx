import type { GetServerSideProps } from "next";
import { useTranslations } from "next-intl";
import { PlainGuestPage } from "../../app/_components/plain/guest-page";
import { plainGuestProps, type PlainGuestProps } from "../../app/_components/plain/guest-props";

// A plain page: no client runtime, no hydration (front-end review D5).
// `runtime` also satisfies the build's generated check of a page's config (its type lacks the flag).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<PlainGuestProps> = (context) =>
  plainGuestProps(context, ["oidc"], (t, tenant) =>
    t("meta.errorTitle", { title: t("oidc.signedOut.title"), tenant: tenant.displayName }),
  );

/** After RP-initiated logout without a post_logout_redirect_uri. */
export default function SignedOutPage(props: PlainGuestProps) {
  return (
    <PlainGuestPage props={props}>
      <SignedOut tenant={props.tenant.displayName} />
    </PlainGuestPage>
  );
}

function SignedOut({ tenant }: { tenant: string }) {
  const t = useTranslations("oidc.signedOut");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t("body", { tenant })}</p>
    </article>
  );
}
