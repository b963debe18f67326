import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireAdmin } from "../../../_lib/session";
import { EditorFrame } from "../../_components/editor-frame";
import { ExtensionForm } from "../../_components/extension-form";
import { problemTexts } from "../../_lib/feedback";
import { tenantOrNotFound } from "../../../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.extensions");
  const title = t("newExtension.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: (await searchParams).form ? t("errorTitle", { title }) : title };
}

/** Registering a custom authentication extension: the same verb as Graph's POST identity/customAuthenticationExtensions. */
export default async function NewExtensionPage({ params, searchParams }: Props) {
  const { tenant } = await requireAdmin((await params).tenant, "extensions.write");
  const t = await getTranslations("admin.extensions");
  const { feedback, problems } = await problemTexts((await searchParams).form);
  const base = `/${tenant.slug}/admin/extensions`;
  return (
    <EditorFrame base={base} title={t("newExtension.title")} notice={undefined} problems={problems}>
      <p className="max-w-prose">{t("newExtension.intro")}</p>
      <ExtensionForm
        action={`${base}/custom-extensions/create`}
        here={`${base}/custom-extensions/new`}
        typed={feedback?.values ?? {}}
        problems={problems}
        canWrite
      />
    </EditorFrame>
  );
}
