import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { tenants } from "../../_lib/server";
import { isOnDemoOrigin, SESSION_COOKIE, USERINFO_COOKIE } from "../_lib/config";
import { demoOrNotFound, pageHost, readSealed } from "../_lib/demo";
import type { DemoSession, DemoUserinfo } from "../_lib/session";
import { ClaimsTable } from "./claims-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demo.result");
  return { title: t("title") };
}

/**
 * /demo/result: what the demo application received. The ID token was verified when it arrived
 * (callback); it sits in a sealed cookie since, so decoding it here shows exactly what was checked.
 */
export default async function DemoResultPage() {
  const demo = demoOrNotFound();
  if (!demo.origin || !isOnDemoOrigin(demo.origin, await pageHost())) redirect("/demo");
  const session = await readSealed<DemoSession>(demo, "session", SESSION_COOKIE);
  if (!session) redirect("/demo");
  const userinfo = (await readSealed<DemoUserinfo>(demo, "userinfo", USERINFO_COOKIE))?.userinfo;

  const [t, locale] = [await getTranslations("demo.result"), await getLocale()];
  const tenant = tenants().find(session.tenant)?.displayName ?? session.tenant;
  const claims = decodeJwt(session.idToken);
  const header = decodeProtectedHeader(session.idToken);
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4 text-lg">{t("intro", { tenant })}</p>

      <section aria-labelledby="id-token" className="mt-8">
        <h2 id="id-token" className="text-xl font-semibold">
          {t("idTokenHeading")}
        </h2>
        <p className="mt-2">{t("idTokenVerified", { tenant })}</p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-semibold">{t("algorithm")}</dt>
          <dd className="font-mono">{String(header.alg)}</dd>
          <dt className="font-semibold">{t("keyId")}</dt>
          <dd className="break-all font-mono">{String(header.kid ?? "–")}</dd>
        </dl>
        <ClaimsTable caption={t("idTokenCaption")} claims={claims} locale={locale} />
      </section>

      <section aria-labelledby="userinfo" className="mt-10">
        <h2 id="userinfo" className="text-xl font-semibold">
          {t("userinfoHeading")}
        </h2>
        <p className="mt-2">{t("userinfoIntro", { tenant })}</p>
        {userinfo ? (
          <ClaimsTable caption={t("userinfoCaption")} claims={userinfo} locale={locale} />
        ) : (
          <p className="mt-2">{t("userinfoMissing")}</p>
        )}
      </section>

      <details className="mt-10">
        <summary className="cursor-pointer font-semibold">{t("rawHeading")}</summary>
        <pre className="mt-3 overflow-x-auto rounded-md bg-neutral-100 p-4 text-sm" tabIndex={0} aria-label={t("rawHeading")}>
          {JSON.stringify({ id_token: { header, claims }, userinfo: userinfo ?? null }, null, 2)}
        </pre>
      </details>

      <section aria-labelledby="sign-out" className="mt-10 border-t border-neutral-300 pt-6">
        <h2 id="sign-out" className="text-xl font-semibold">
          {t("signOutHeading")}
        </h2>
        <p className="mt-2">{t("signOutHint", { tenant })}</p>
        <form method="post" action="/demo/logout" className="mt-4">
          <button type="submit" className="min-h-11 rounded-md bg-brand px-5 py-2 font-semibold text-on-brand">
            {t("signOut")}
          </button>
        </form>
      </section>
      <p className="mt-8">
        <Link className="underline underline-offset-2" href="/demo">
          {t("back")}
        </Link>
      </p>
    </article>
  );
}
