import { getTranslations } from "next-intl/server";
import type { ApplicationView } from "../../../../_lib/oidc";
import {
  BUTTON,
  DANGER_BUTTON,
  FieldProblem,
  INPUT,
  LINK,
  ReturnTo,
  SECONDARY_BUTTON,
  problemId,
} from "../../_components/form-parts";
import { H2, SECTION, type SectionProps } from "./section-props";

type AppRole = ApplicationView["appRoles"][number];

/**
 * App roles (their values go into the `roles` claim): add, edit, disable, remove. Removing is
 * offered only for a disabled role (contract §2), and refused while a user holds it.
 */
export async function RolesSection({ app, here, canWrite, feedback, problems, editing }: SectionProps & { editing?: AppRole }) {
  const t = await getTranslations("admin.applications");
  const intent = (role: AppRole, name: "disable" | "enable" | "remove", className: string) => (
    <form method="post" action={`${here}/roles`}>
      <ReturnTo path={here} />
      <input type="hidden" name="version" value={app.version} />
      <input type="hidden" name="roleId" value={role.id} />
      <button type="submit" name="intent" value={name} className={className}>
        {t(`roles.${name}`, { role: role.displayName })}
      </button>
    </form>
  );
  const value = (field: string, current: string) => feedback?.values[field] ?? current;
  const types = feedback?.values.roleMemberTypes?.split(",") ?? editing?.allowedMemberTypes ?? ["User"];
  return (
    <section aria-labelledby="roles-title" className={SECTION}>
      <h2 id="roles" tabIndex={-1} className={H2}>
        <span id="roles-title">{t("roles.title")}</span>
      </h2>
      <p className="mt-2">{t("roles.intro")}</p>
      <FieldProblem field="roles" text={problems.roles} />
      {app.appRoles.length === 0 ? (
        <p className="mt-4">{t("roles.none")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("roles.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("roles.displayName")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("roles.value")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("roles.memberTypes")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("roles.state")}
                </th>
                {canWrite && (
                  <th scope="col" className="py-2 pr-4">
                    {t("actions")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {app.appRoles.map((role) => (
                <tr key={role.id} className="border-b border-gray-300 align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {role.displayName}
                    {role.description && <span className="block text-sm text-gray-800">{role.description}</span>}
                  </th>
                  <td className="py-2 pr-4 font-mono text-sm">{role.value}</td>
                  <td className="py-2 pr-4">{role.allowedMemberTypes.map((type) => t(`roles.type${type}`)).join(", ")}</td>
                  <td className="py-2 pr-4">{role.isEnabled ? t("roles.enabled") : t("roles.disabled")}</td>
                  {canWrite && (
                    <td className="flex flex-wrap gap-2 py-2 pr-4">
                      <a href={`${here}?role=${role.id}#role-form`} className={`${LINK} inline-flex min-h-11 items-center`}>
                        {t("roles.edit", { role: role.displayName })}
                      </a>
                      {role.isEnabled ? intent(role, "disable", SECONDARY_BUTTON) : intent(role, "enable", SECONDARY_BUTTON)}
                      {!role.isEnabled && intent(role, "remove", DANGER_BUTTON)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <form
          id="role-form"
          method="post"
          action={`${here}/roles`}
          className="mt-6 space-y-4 rounded border border-gray-400 p-4"
          noValidate
        >
          <h3 className="font-semibold">{editing ? t("roles.editTitle", { role: editing.displayName }) : t("roles.addTitle")}</h3>
          <ReturnTo path={here} />
          <input type="hidden" name="version" value={app.version} />
          {editing && <input type="hidden" name="roleId" value={editing.id} />}
          <input type="hidden" name="intent" value={editing ? "edit" : "add"} />
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="roleDisplayName" className="block font-semibold">
                {t("roles.displayName")}
              </label>
              <input
                id="roleDisplayName"
                name="roleDisplayName"
                maxLength={256}
                defaultValue={value("roleDisplayName", editing?.displayName ?? "")}
                aria-invalid={problems.roleDisplayName ? true : undefined}
                aria-describedby={problems.roleDisplayName ? problemId("roleDisplayName") : undefined}
                className={INPUT}
              />
              <FieldProblem field="roleDisplayName" text={problems.roleDisplayName} />
            </div>
            <div>
              <label htmlFor="roleValue" className="block font-semibold">
                {t("roles.value")}
              </label>
              <input
                id="roleValue"
                name="roleValue"
                maxLength={120}
                spellCheck={false}
                defaultValue={value("roleValue", editing?.value ?? "")}
                aria-invalid={problems.roleValue ? true : undefined}
                aria-describedby={["roleValue-help", problems.roleValue ? problemId("roleValue") : ""].filter(Boolean).join(" ")}
                className={`${INPUT} font-mono`}
              />
              <p id="roleValue-help" className="text-sm text-gray-800">
                {t("roles.valueHelp")}
              </p>
              <FieldProblem field="roleValue" text={problems.roleValue} />
            </div>
          </div>
          <div>
            <label htmlFor="roleDescription" className="block font-semibold">
              {t("roles.description")}
            </label>
            <input
              id="roleDescription"
              name="roleDescription"
              maxLength={1024}
              defaultValue={value("roleDescription", editing?.description ?? "")}
              className={INPUT}
            />
          </div>
          <fieldset aria-describedby={problems.roleMemberTypes ? problemId("roleMemberTypes") : undefined}>
            <legend id="roleMemberTypes" tabIndex={-1} className="font-semibold">
              {t("roles.memberTypes")}
            </legend>
            {(["User", "Application"] as const).map((type) => (
              <label key={type} className="mr-6 inline-flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="roleMemberTypes"
                  value={type}
                  defaultChecked={types.includes(type)}
                  className="h-5 w-5"
                />
                {t(`roles.type${type}`)}
              </label>
            ))}
            <FieldProblem field="roleMemberTypes" text={problems.roleMemberTypes} />
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={BUTTON}>
              {editing ? t("roles.saveButton") : t("roles.addButton")}
            </button>
            {editing && (
              <a href={`${here}#roles`} className={`${LINK} inline-flex min-h-11 items-center`}>
                {t("roles.cancelEdit")}
              </a>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
