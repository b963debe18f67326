import type { ReactNode } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { AdministratorActor } from "../../../../_lib/directory";
import { readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { problemTexts } from "../_lib/feedback";
import { extensionRefusal } from "../_lib/refusal";
import { openOutcome, TEST_PARAM } from "../_lib/test-outcome";
import { tenantOrNotFound } from "../../../tenant";
import { DeleteSection } from "./delete-section";
import { EditorFrame } from "./editor-frame";
import { TestCallSection } from "./test-call-form";

export interface EditorPageProps {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** What an API connector's and a custom extension's page share: its kind's path, title and how it is read. */
export interface EditorKind<T extends { id: string; displayName: string }> {
  /** The folder under `/admin/extensions`. */
  path: "api-connectors" | "custom-extensions";
  titleKey: "connector.pageTitle" | "extension.pageTitle";
  load: (actor: AdministratorActor, tenantSlug: string, id: string) => Promise<T>;
  /** API connectors choose Entra's step; extensions have one event. */
  steps?: readonly string[];
}

export interface EditorFormProps<T> {
  action: string;
  here: string;
  item: T;
  typed: Record<string, string>;
  problems: Record<string, string>;
  canWrite: boolean;
}

export async function editorMetadata(
  kind: Pick<EditorKind<never>, "titleKey">,
  { params, searchParams }: EditorPageProps,
): Promise<Metadata> {
  const t = await getTranslations("admin.extensions");
  const title = t(kind.titleKey, { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: (await searchParams).form ? t("errorTitle", { title }) : title };
}

/** One connector or extension: its settings, a test call, and deleting it; each a verb of its service. */
export async function ExtensionEditorPage<T extends { id: string; displayName: string }>({
  kind,
  props,
  form,
}: {
  kind: EditorKind<T>;
  props: EditorPageProps;
  form: (props: EditorFormProps<T>) => ReactNode;
}) {
  const { tenant: slug, id } = await props.params;
  const { tenant, actor, session } = await requireAdmin(slug, "extensions.read");
  const query = await props.searchParams;
  const item = await kind.load(actor, tenant.slug, id).catch((error: unknown) => {
    // Another tenant's connector or extension is not found, like a missing one.
    if (extensionRefusal(error)?.code === "notFound") notFound();
    throw error;
  });
  const t = await getTranslations("admin.extensions");
  const { feedback, problems } = await problemTexts(query.form);
  const notice = readNotice(query.done, ["created", "saved"] as const);
  const base = `/${tenant.slug}/admin/extensions`;
  const here = `${base}/${kind.path}/${item.id}`;
  const canWrite = session.actorFor("extensions.write") !== undefined;
  return (
    <EditorFrame base={base} title={item.displayName} notice={notice ? t(`notices.${notice}`) : undefined} problems={problems}>
      {!canWrite && <p>{t("readOnly")}</p>}
      {form({ action: `${here}/update`, here, item, typed: feedback?.values ?? {}, problems, canWrite })}
      <TestCallSection
        tenant={tenant}
        here={here}
        steps={kind.steps}
        outcome={openOutcome(query[TEST_PARAM], tenant.slug, item.id)}
        canWrite={canWrite}
      />
      {canWrite && <DeleteSection here={here} name={item.displayName} problem={problems.inUse} />}
    </EditorFrame>
  );
}
