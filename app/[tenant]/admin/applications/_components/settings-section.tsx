import { getTranslations } from "next-intl/server";
import { LOCALE_AUTONYMS, type Locale } from "../../../../_lib/i18n";
import { BUTTON, FieldProblem, INPUT, ReturnTo, problemId } from "../../_components/form-parts";
import { localizedNameLocales } from "../_lib/localized-names-form";
import { UriField } from "./fields";
import { H2, SECTION, type SectionProps } from "./section-props";

/**
 * Name, its translations, redirect URIs and post-logout redirect URIs; the save is conditional on
 * the version read. A name per language is asked for each language the tenant's pages speak (and
 * any other already stored, so a save never drops one unseen); empty means "the name above".
 */
export async function SettingsSection({
  app,
  here,
  canWrite,
  feedback,
  problems,
  locales,
}: SectionProps & { locales: readonly Locale[] }) {
  const t = await getTranslations("admin.applications");
  const redirectUris = [...app.redirectUris.web, ...app.redirectUris.spa, ...app.redirectUris.publicClient];
  const value = (field: string, current: string) => feedback?.values[field] ?? current;
  const fields = (
    <>
      <div>
        <label htmlFor="displayName" className="block font-semibold">
          {t("fields.displayName")}
        </label>
        <input
          id="displayName"
          name="displayName"
          required
          maxLength={256}
          readOnly={!canWrite}
          defaultValue={value("displayName", app.displayName)}
          aria-invalid={problems.displayName ? true : undefined}
          aria-describedby={problems.displayName ? problemId("displayName") : undefined}
          className={INPUT}
        />
        <FieldProblem field="displayName" text={problems.displayName} />
      </div>
      <fieldset aria-describedby="localizedNames-help">
        <legend className="font-semibold">{t("fields.localizedNames")}</legend>
        <p id="localizedNames-help" className="text-sm text-gray-800">
          {t("fields.localizedNamesHelp")}
        </p>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          {localizedNameLocales(app.localizedDisplayNames, locales).map((locale) => {
            const field = `localizedName-${locale}`;
            return (
              <div key={locale}>
                <label htmlFor={field} className="block" lang={locale}>
                  {LOCALE_AUTONYMS[locale]}
                </label>
                <input
                  id={field}
                  name={field}
                  lang={locale}
                  maxLength={100}
                  readOnly={!canWrite}
                  defaultValue={value(field, app.localizedDisplayNames[locale] ?? "")}
                  aria-invalid={problems[field] ? true : undefined}
                  aria-describedby={problems[field] ? problemId(field) : undefined}
                  className={INPUT}
                />
                <FieldProblem field={field} text={problems[field]} />
              </div>
            );
          })}
        </div>
      </fieldset>
      <UriField
        name="redirectUris"
        label={t("fields.redirectUris")}
        help={t("fields.redirectUrisHelp")}
        value={value("redirectUris", redirectUris.join("\n"))}
        problem={problems.redirectUris}
      />
      <UriField
        name="postLogoutRedirectUris"
        label={t("fields.postLogoutRedirectUris")}
        help={t("fields.postLogoutRedirectUrisHelp")}
        value={value("postLogoutRedirectUris", app.postLogoutRedirectUris.join("\n"))}
        problem={problems.postLogoutRedirectUris}
      />
    </>
  );
  return (
    <section aria-labelledby="settings-title" className={SECTION}>
      <h2 id="settings-title" className={H2}>
        {t("detail.settings")}
      </h2>
      {canWrite ? (
        <form method="post" action={`${here}/update`} className="mt-4 space-y-6" noValidate>
          <ReturnTo path={here} />
          <input type="hidden" name="version" value={app.version} />
          {fields}
          <button type="submit" className={BUTTON}>
            {t("detail.save")}
          </button>
        </form>
      ) : (
        <div className="mt-4 space-y-6">{fields}</div>
      )}
    </section>
  );
}
