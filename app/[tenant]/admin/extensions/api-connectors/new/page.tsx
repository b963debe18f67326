import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireAdmin } from "../../../_lib/session";
import { ConnectorForm } from "../../_components/connector-form";
import { EditorFrame } from "../../_components/editor-frame";
import { problemTexts } from "../../_lib/feedback";
import { tenantOrNotFound } from "../../../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.extensions");
  const title = t("newConnector.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: (await searchParams).form ? t("errorTitle", { title }) : title };
}

/** Registering an API connector: the same verb as Graph's POST identity/apiConnectors. */
export default async function NewConnectorPage({ params, searchParams }: Props) {
  const { tenant } = await requireAdmin((await params).tenant, "extensions.write");
  const t = await getTranslations("admin.extensions");
  const { feedback, problems } = await problemTexts((await searchParams).form);
  const base = `/${tenant.slug}/admin/extensions`;
  const here = `${base}/api-connectors/new`;
  return (
    <EditorFrame base={base} title={t("newConnector.title")} notice={undefined} problems={problems}>
      <p className="max-w-prose">{t("newConnector.intro")}</p>
      <ConnectorForm
        action={`${base}/api-connectors/create`}
        here={here}
        typed={feedback?.values ?? {}}
        problems={problems}
        canWrite
      />
    </EditorFrame>
  );
}
