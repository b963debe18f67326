import { getTranslations } from "next-intl/server";
import { BUTTON, FieldProblem, INPUT, ReturnTo, problemId } from "../../_components/form-parts";
import { UriField } from "./fields";
import { H2, SECTION, type SectionProps } from "./section-props";

/** Name, redirect URIs and post-logout redirect URIs; the save is conditional on the version read. */
export async function SettingsSection({ app, here, canWrite, feedback, problems }: SectionProps) {
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
