import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { demoOrNotFound } from "../_lib/demo";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demo.signedOut");
  return { title: t("title") };
}

/** The registered post_logout_redirect_uri: Guestgate sends the browser here after ending its session. */
export default async function DemoSignedOutPage() {
  demoOrNotFound();
  const t = await getTranslations("demo.signedOut");
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t("body")}</p>
      <p className="mt-6">
        <Link className="underline underline-offset-2" href="/demo">
          {t("again")}
        </Link>
      </p>
    </article>
  );
}
