import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BUTTON, FieldProblem, INPUT, LINK, ProblemSummary, ReturnTo, problemId } from "../../_components/form-parts";
import { readFeedback } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { problemTexts } from "../_lib/problem-text";
import { SecretFields, UriField } from "../_components/fields";
import { tenantOrNotFound } from "../../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.applications");
  const title = t("register.pageTitle", { tenant: tenantOrNotFound(tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/** Registering an application: a plain form (no script), checked with the provider's own rules. */
export default async function RegisterApplicationPage({ params, searchParams }: Props) {
  const { tenant } = await requireAdmin((await params).tenant, "applications.write");
  const t = await getTranslations("admin.applications");
  const feedback = readFeedback((await searchParams).form);
  const problems = await problemTexts(feedback);
  const value = (field: string, fallback = "") => feedback?.values[field] ?? fallback;
  const base = `/${tenant.slug}/admin/applications`;
  const labels: Record<string, string> = {
    displayName: t("fields.displayName"),
    clientType: t("fields.clientType"),
    redirectUris: t("fields.redirectUris"),
    postLogoutRedirectUris: t("fields.postLogoutRedirectUris"),
    secretDisplayName: t("fields.secretDisplayName"),
    secretExpiry: t("fields.secretExpiry"),
  };
  const described = (field: string, help?: string) =>
    [help, problems[field] ? problemId(field) : undefined].filter(Boolean).join(" ") || undefined;
  const kind = value("clientType", "confidential");
  return (
    <section className="max-w-3xl">
      <p>
        <a href={base} className={LINK}>
          {t("back")}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold">{t("register.title")}</h1>
      <p className="mt-2">{t("register.intro")}</p>
      <form method="post" action={`${base}/register`} className="mt-6 space-y-6" noValidate>
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: labels[field] ?? t("fields.form"), problem: text }),
          }))}
        />
        <ReturnTo path={`${base}/new`} />
        <div>
          <label htmlFor="displayName" className="block font-semibold">
            {labels.displayName}
          </label>
          <input
            id="displayName"
            name="displayName"
            required
            maxLength={256}
            defaultValue={value("displayName")}
            aria-invalid={problems.displayName ? true : undefined}
            aria-describedby={described("displayName")}
            className={INPUT}
          />
          <FieldProblem field="displayName" text={problems.displayName} />
        </div>
        <fieldset aria-describedby={described("clientType", "clientType-help")}>
          <legend id="clientType" tabIndex={-1} className="font-semibold">
            {labels.clientType}
          </legend>
          <p id="clientType-help" className="text-sm text-gray-800">
            {t("register.clientTypeHelp")}
          </p>
          {(["confidential", "public"] as const).map((option) => (
            <label key={option} className="mt-2 flex min-h-11 items-center gap-3">
              <input type="radio" name="clientType" value={option} defaultChecked={kind === option} className="h-5 w-5" />
              <span>
                <span className="font-semibold">{t(`type.${option}`)}</span> – {t(`register.${option}Help`)}
              </span>
            </label>
          ))}
          <FieldProblem field="clientType" text={problems.clientType} />
        </fieldset>
        <UriField
          name="redirectUris"
          label={labels.redirectUris!}
          help={t("fields.redirectUrisHelp")}
          value={value("redirectUris")}
          problem={problems.redirectUris}
        />
        <UriField
          name="postLogoutRedirectUris"
          label={labels.postLogoutRedirectUris!}
          help={t("fields.postLogoutRedirectUrisHelp")}
          value={value("postLogoutRedirectUris")}
          problem={problems.postLogoutRedirectUris}
        />
        <fieldset className="rounded border border-gray-400 p-4">
          <legend className="px-1 font-semibold">{t("register.firstSecret")}</legend>
          <p className="text-sm text-gray-800">{t("register.firstSecretHelp")}</p>
          <SecretFields
            labels={{ name: labels.secretDisplayName!, expiry: labels.secretExpiry! }}
            values={{ name: value("secretDisplayName"), expiry: value("secretExpiry", "180") }}
            problems={problems}
            daysLabel={(days) => t("secrets.days", { days })}
          />
        </fieldset>
        <button type="submit" className={BUTTON}>
          {t("register.submit")}
        </button>
      </form>
    </section>
  );
}
