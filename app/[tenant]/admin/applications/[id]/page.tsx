import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { isLocale, LOCALE_AUTONYMS } from "../../../../_lib/i18n";
import { isApplicationDirectoryError, type ApplicationView } from "../../../../_lib/oidc";
import { services } from "../../../../_lib/server";
import { LINK, Notice, ProblemSummary } from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { PermissionsSection } from "../_components/permissions-section";
import { RolesSection } from "../_components/roles-section";
import { SecretsSection } from "../_components/secrets-section";
import { SettingsSection } from "../_components/settings-section";
import { UserFlowSection } from "../_components/user-flow-section";
import { problemTexts } from "../_lib/problem-text";
import { tenantOrNotFound } from "../../../tenant";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = [
  "registered",
  "saved",
  "secretRevoked",
  "roleSaved",
  "roleRemoved",
  "permissionsSaved",
  "userFlowSaved",
] as const;

const FIELD_LABELS = {
  form: "fields.form",
  displayName: "fields.displayName",
  redirectUris: "fields.redirectUris",
  postLogoutRedirectUris: "fields.postLogoutRedirectUris",
  secretDisplayName: "fields.secretDisplayName",
  secretExpiry: "fields.secretExpiry",
  roles: "roles.title",
  roleDisplayName: "roles.displayName",
  roleValue: "roles.value",
  roleMemberTypes: "roles.memberTypes",
  permissions: "permissions.title",
  userFlow: "userFlow.title",
} as const;

/** The application, or the 404 page: another tenant's application is not found, like a missing one. */
async function load(actor: Parameters<ReturnType<typeof services>["applications"]["get"]>[0], tenant: string, id: string) {
  try {
    return await services().applications.get(actor, tenant, { id });
  } catch (error) {
    if (isApplicationDirectoryError(error) && error.code === "notFound") notFound();
    throw error;
  }
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.applications");
  const title = t("detail.pageTitle", { tenant: tenantOrNotFound(tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

export default async function ApplicationPage({ params, searchParams }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, actor, session } = await requireAdmin(slug, "applications.read");
  const query = await searchParams;
  const app: ApplicationView = await load(actor, tenant.slug, id);
  const t = await getTranslations("admin.applications");
  const feedback = readFeedback(query.form);
  const problems = await problemTexts(feedback);
  const notice = readNotice(query.done, NOTICES);
  const canWrite = session.actorFor("applications.write") !== undefined;
  const flows = await services().userFlows.applicationFlows(actor, tenant.slug, app.appId);
  const base = `/${tenant.slug}/admin/applications`;
  const here = `${base}/${app.id}`;
  // A name in one language is labelled by that language: "Name in Nederlands".
  const fieldLabel = (field: string) => {
    const locale = /^localizedName-(\w+)$/.exec(field)?.[1];
    if (locale && isLocale(locale)) return t("fields.localizedNameIn", { language: LOCALE_AUTONYMS[locale] });
    return t(FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? "fields.form");
  };
  const editRole = typeof query.role === "string" ? app.appRoles.find((role) => role.id === query.role) : undefined;
  return (
    <section className="max-w-4xl">
      <p>
        <a href={base} className={LINK}>
          {t("back")}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold break-words">{app.displayName}</h1>
      <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("detail.clientId")}</dt>
        <dd className="font-mono text-sm break-all">{app.appId}</dd>
        <dt className="font-semibold">{t("list.type")}</dt>
        <dd>{t(`type.${app.clientType}`)}</dd>
        <dt className="font-semibold">{t("detail.issuer")}</dt>
        <dd className="font-mono text-sm break-all">{services().oidc.urls(tenant.slug).issuer}</dd>
      </dl>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", {
              field: fieldLabel(field),
              problem: text,
            }),
          }))}
        />
      </div>
      <SettingsSection
        app={app}
        here={here}
        canWrite={canWrite}
        feedback={feedback}
        problems={problems}
        locales={tenant.locales.enabled}
      />
      <SecretsSection app={app} here={here} canWrite={canWrite} feedback={feedback} problems={problems} />
      <RolesSection app={app} here={here} canWrite={canWrite} feedback={feedback} problems={problems} editing={editRole} />
      <PermissionsSection app={app} here={here} canWrite={canWrite} problems={problems} />
      <UserFlowSection here={here} canWrite={canWrite} flows={flows} problems={problems} />
    </section>
  );
}
