import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SkipLink, MAIN_ID } from "../_components/skip-link";
import { demoOrNotFound } from "./_lib/demo";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demo");
  return { title: { default: t("appName"), template: `%s – ${t("appName")}` }, robots: { index: false } };
}

/**
 * The demo application: a third-party relying party that happens to be served by the same
 * process. It looks like an application of its own — a plain header with its name, no tenant
 * branding, no Guestgate chrome — so nobody mistakes its pages for Guestgate's.
 */
export default async function DemoLayout({ children }: { children: ReactNode }) {
  demoOrNotFound();
  const t = await getTranslations("demo");
  return (
    <>
      <SkipLink />
      <header className="bg-neutral-800 text-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-baseline justify-between gap-x-6 gap-y-1 px-4 py-3">
          <p className="text-lg font-bold">
            <Link href="/demo" className="hover:underline">
              {t("appName")}
            </Link>
          </p>
          <p className="text-sm">{t("tagline")}</p>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-3xl px-4 py-10">
        {children}
      </main>
    </>
  );
}
