import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { tenants } from "../../_lib/server";
import { DEMO_ERROR_REASONS, ERROR_CODE, type DemoErrorReason } from "../_lib/config";
import { demoOrNotFound } from "../_lib/demo";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("demo.error");
  return { title: t("title") };
}

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * /demo/error?reason=…[&tenant=…][&code=…]: why a sign-in did not complete. Everything shown comes
 * from our messages; the tenant is looked up, and the code must look like an error code.
 */
export default async function DemoErrorPage({ searchParams }: Props) {
  demoOrNotFound();
  const [t, query] = [await getTranslations("demo.error"), await searchParams];
  const reason: DemoErrorReason = DEMO_ERROR_REASONS.find((r) => r === query.reason) ?? "rejected";
  const tenant = (typeof query.tenant === "string" ? tenants().find(query.tenant)?.displayName : undefined) ?? "Guestgate";
  const code = typeof query.code === "string" && ERROR_CODE.test(query.code) ? query.code : undefined;
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t(reason, { tenant })}</p>
      {code && (
        <p className="mt-4">
          {t("code")} <code className="font-mono">{code}</code>
        </p>
      )}
      <p className="mt-6">
        <Link className="underline underline-offset-2" href="/demo">
          {t("again")}
        </Link>
      </p>
    </article>
  );
}
