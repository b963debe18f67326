import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { isEntitlementError } from "../../../../_lib/access";
import type { AdministratorActor } from "../../../../_lib/directory";
import { services } from "../../../../_lib/server";
import { LINK, Notice, ProblemSummary } from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { userFlowRefusal } from "../../applications/_lib/user-flow-refusal";
import { tenantOrNotFound } from "../../../tenant";
import { extensionRefusal } from "../../extensions/_lib/refusal";
import { AttributeTextsSection } from "../_components/attribute-texts-section";
import { AttributesSection } from "../_components/attributes-section";
import { ApprovalSection, type ApprovalOrganization } from "../_components/approval-section";
import { ExtensionsSection, type FlowExtensionChoices } from "../_components/extensions-section";
import { ProvidersSection } from "../_components/providers-section";
import { TextsSection } from "../_components/texts-section";

interface Props {
  params: Promise<{ tenant: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = [
  "providersSaved",
  "attributeAdded",
  "attributeRemoved",
  "attributeSaved",
  "attributeMoved",
  "textsSaved",
  "attributeTextsSaved",
  "approvalSaved",
  "extensionsSaved",
] as const;
const PROBLEMS = [
  "modified",
  "invalid",
  "conflict",
  "notFound",
  "providerRequired",
  "textsLine",
  "textRequired",
  "textLength",
  "helpLength",
  "helpEveryLanguage",
  "optionValue",
  "optionDuplicate",
  "optionsCount",
] as const;

/** The flow, or the 404 page: another tenant's flow is not found, like a missing one. */
async function load(actor: AdministratorActor, tenant: string, name: string) {
  try {
    return await services().userFlows.getFlow(actor, tenant, name);
  } catch (error) {
    if (userFlowRefusal(error) === "notFound") notFound();
    throw error;
  }
}

/**
 * The tenant's configured connected organisations the approval section offers, or none for an
 * administrator who may not read entitlement management (the section then offers "all" and "none").
 */
async function configuredOrganizations(actor: AdministratorActor, tenant: string): Promise<ApprovalOrganization[]> {
  try {
    const { items } = await services().entitlements.listConnectedOrganizations(actor, tenant, { top: 100 });
    return items
      .filter((organization) => organization.state === "configured")
      .map((organization) => ({
        id: organization.id,
        displayName: organization.displayName,
        domains: organization.identitySources.map((source) => source.domainName),
      }));
  } catch (error) {
    if (isEntitlementError(error) && error.code === "forbidden") return [];
    throw error;
  }
}

/** The tenant's connectors and extensions, for an administrator who may read them (else the section says so). */
async function extensionChoices(actor: AdministratorActor, tenant: string): Promise<FlowExtensionChoices> {
  try {
    const [connectors, extensions] = await Promise.all([
      services().apiConnectors.list(actor, tenant),
      services().customExtensions.list(actor, tenant),
    ]);
    return { connectors, extensions, readable: true };
  } catch (error) {
    if (extensionRefusal(error)?.code === "forbidden") return { connectors: [], extensions: [], readable: false };
    throw error;
  }
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.userFlows");
  const title = t("editor.pageTitle", { tenant: tenantOrNotFound(tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/**
 * One user flow's editor: the providers it offers, the attributes it collects (required or not,
 * their order, a custom one's label, help and choices per language) and its texts per language — the stored flow the sign-up journey and Graph's
 * identity/b2xUserFlows read, edited through the same service verbs, each audited there.
 */
export default async function UserFlowPage({ params, searchParams }: Props) {
  const { tenant: slug, name } = await params;
  const { tenant, actor, session, locale } = await requireAdmin(slug, "userFlows.read");
  const query = await searchParams;
  const flow = await load(actor, tenant.slug, name);
  const t = await getTranslations("admin.userFlows");
  const canWrite = session.actorFor("userFlows.write") !== undefined;
  const catalog = canWrite ? await services().userFlows.listCustomAttributes(actor, tenant.slug) : [];
  const feedback = readFeedback(query.form);
  const problems = Object.fromEntries(
    Object.entries(feedback?.problems ?? {}).map(([field, code]) => [
      field,
      t(`problems.${(PROBLEMS as readonly string[]).includes(code) ? (code as (typeof PROBLEMS)[number]) : "invalid"}`),
    ]),
  );
  const notice = readNotice(query.done, NOTICES);
  const base = `/${tenant.slug}/admin/user-flows`;
  const here = `${base}/${flow.name}`;
  const displayName = typeof flow.definition.displayName === "string" ? flow.definition.displayName : flow.name;
  const sectionProps = { tenant, flow, here, canWrite, problems };
  return (
    <section className="max-w-4xl">
      <p>
        <a href={base} className={LINK}>
          {t("back")}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold break-words">{displayName}</h1>
      <dl id="form" className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("list.name")}</dt>
        <dd className="font-mono text-sm">{flow.name}</dd>
        <dt className="font-semibold">{t("list.applications")}</dt>
        <dd>{flow.applications.length}</dd>
        <dt className="font-semibold">{t("editor.updatedAt")}</dt>
        <dd>
          <time dateTime={flow.updatedAt.toISOString()}>{flow.updatedAt.toISOString().slice(0, 19).replace("T", " ")} UTC</time>
        </dd>
      </dl>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({ field, text }))}
        />
      </div>
      {!canWrite && <p className="mt-4">{t("editor.readOnly")}</p>}
      <ProvidersSection {...sectionProps} />
      <AttributesSection {...sectionProps} locale={locale} catalog={catalog} />
      <AttributeTextsSection {...sectionProps} typed={feedback?.values ?? {}} />
      <TextsSection {...sectionProps} typed={feedback?.values ?? {}} />
      <ApprovalSection {...sectionProps} organizations={await configuredOrganizations(actor, tenant.slug)} />
      <ExtensionsSection {...sectionProps} choices={await extensionChoices(actor, tenant.slug)} />
    </section>
  );
}
