import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireAdmin } from "./_lib/session";

interface Props {
  params: Promise<{ tenant: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.overview");
  await params;
  return { title: t("title") };
}

/** The portal's start page: the overview (guest counts and the sign-up funnel). */
export default async function AdminOverviewPage({ params }: Props) {
  const { tenant } = await requireAdmin((await params).tenant, "overview.read");
  const t = await getTranslations("admin.overview");
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-gray-700">{t("intro", { tenant: tenant.displayName })}</p>
    </section>
  );
}
