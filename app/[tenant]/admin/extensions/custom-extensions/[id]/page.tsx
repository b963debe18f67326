import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { services } from "../../../../../_lib/server";
import { readNotice } from "../../../_lib/form-feedback";
import { requireAdmin } from "../../../_lib/session";
import { DeleteSection } from "../../_components/delete-section";
import { EditorFrame } from "../../_components/editor-frame";
import { ExtensionForm } from "../../_components/extension-form";
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
  const title = t("extension.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: (await searchParams).form ? t("errorTitle", { title }) : title };
}

/** One custom authentication extension: its settings, a test call, and deleting it; each a verb of its service. */
export default async function ExtensionPage({ params, searchParams }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, actor, session } = await requireAdmin(slug, "extensions.read");
  const query = await searchParams;
  const extension = await services()
    .customExtensions.get(actor, tenant.slug, id)
    .catch((error: unknown) => {
      if (extensionRefusal(error)?.code === "notFound") notFound();
      throw error;
    });
  const t = await getTranslations("admin.extensions");
  const { feedback, problems } = await problemTexts(query.form);
  const notice = readNotice(query.done, ["created", "saved"] as const);
  const base = `/${tenant.slug}/admin/extensions`;
  const here = `${base}/custom-extensions/${extension.id}`;
  const canWrite = session.actorFor("extensions.write") !== undefined;
  return (
    <EditorFrame
      base={base}
      title={extension.displayName}
      notice={notice ? t(`notices.${notice}`) : undefined}
      problems={problems}
    >
      {!canWrite && <p>{t("readOnly")}</p>}
      <ExtensionForm
        action={`${here}/update`}
        here={here}
        extension={extension}
        typed={feedback?.values ?? {}}
        problems={problems}
        canWrite={canWrite}
      />
      <TestCallSection
        tenant={tenant}
        here={here}
        outcome={openOutcome(query[TEST_PARAM], tenant.slug, extension.id)}
        canWrite={canWrite}
      />
      {canWrite && <DeleteSection here={here} name={extension.displayName} problem={problems.inUse} />}
    </EditorFrame>
  );
}
