import { getTranslations } from "next-intl/server";
import { MANAGEMENT_PERMISSIONS } from "../../../../_lib/oidc";
import { BUTTON, FieldProblem, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION, type SectionProps } from "./section-props";

/**
 * The Graph application permissions the application holds for the management API (what an
 * app-only token's `roles` carry). Only a confidential application can hold them.
 */
export async function PermissionsSection({ app, here, canWrite, problems }: Omit<SectionProps, "feedback">) {
  const t = await getTranslations("admin.applications");
  return (
    <section aria-labelledby="permissions-heading" className={SECTION}>
      <h2 id="permissions-heading" className={H2}>
        {t("permissions.title")}
      </h2>
      <p className="mt-2">{t("permissions.intro")}</p>
      <form method="post" action={`${here}/permissions`} className="mt-4" noValidate>
        <ReturnTo path={here} />
        <input type="hidden" name="version" value={app.version} />
        <fieldset>
          <legend id="permissions" tabIndex={-1} className="sr-only">
            {t("permissions.title")}
          </legend>
          <ul className="grid gap-1 sm:grid-cols-2">
            {MANAGEMENT_PERMISSIONS.map((permission) => (
              <li key={permission}>
                <label className="inline-flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    name="permission"
                    value={permission}
                    defaultChecked={app.permissions.includes(permission)}
                    disabled={!canWrite}
                    className="h-5 w-5"
                  />
                  <span className="font-mono text-sm">{permission}</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldProblem field="permissions" text={problems.permissions} />
        </fieldset>
        {canWrite && (
          <button type="submit" className={`${BUTTON} mt-4`}>
            {t("permissions.save")}
          </button>
        )}
      </form>
    </section>
  );
}
