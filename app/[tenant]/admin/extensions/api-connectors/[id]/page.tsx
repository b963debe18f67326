import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CONNECTOR_STEPS } from "../../../../../_lib/journeys";
import { services } from "../../../../../_lib/server";
import { readNotice } from "../../../_lib/form-feedback";
import { requireAdmin } from "../../../_lib/session";
import { ConnectorForm } from "../../_components/connector-form";
import { DeleteSection } from "../../_components/delete-section";
import { EditorFrame } from "../../_components/editor-frame";
import { TestCallSection } from "../../_components/test-call-form";
import { problemTexts } from "../../_lib/feedback";
import { extensionRefusal } from "../../_lib/refusal";
import { openOutcome, TEST_PARAM } from "../../_lib/test-outcome";
import { tenantOrNotFound } from "../../../../tenant";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.extensions");
  const title = t("connector.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: (await searchParams).form ? t("errorTitle", { title }) : title };
}

/** One API connector: its settings, a test call, and deleting it; each a verb of the connector service. */
export default async function ConnectorPage({ params, searchParams }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, actor, session } = await requireAdmin(slug, "extensions.read");
  const query = await searchParams;
  const connector = await services()
    .apiConnectors.get(actor, tenant.slug, id)
    .catch((error: unknown) => {
      // Another tenant's connector is not found, like a missing one.
      if (extensionRefusal(error)?.code === "notFound") notFound();
      throw error;
    });
  const t = await getTranslations("admin.extensions");
  const { feedback, problems } = await problemTexts(query.form);
  const notice = readNotice(query.done, ["created", "saved"] as const);
  const base = `/${tenant.slug}/admin/extensions`;
  const here = `${base}/api-connectors/${connector.id}`;
  const canWrite = session.actorFor("extensions.write") !== undefined;
  return (
    <EditorFrame
      base={base}
      title={connector.displayName}
      notice={notice ? t(`notices.${notice}`) : undefined}
      problems={problems}
    >
      {!canWrite && <p>{t("readOnly")}</p>}
      <ConnectorForm
        action={`${here}/update`}
        here={here}
        connector={connector}
        typed={feedback?.values ?? {}}
        problems={problems}
        canWrite={canWrite}
      />
      <TestCallSection
        tenant={tenant}
        here={here}
        steps={CONNECTOR_STEPS}
        outcome={openOutcome(query[TEST_PARAM], tenant.slug, connector.id)}
        canWrite={canWrite}
      />
      {canWrite && <DeleteSection here={here} name={connector.displayName} problem={problems.inUse} />}
    </EditorFrame>
  );
}
