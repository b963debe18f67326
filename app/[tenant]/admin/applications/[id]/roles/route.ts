import { randomUUID } from "node:crypto";
import { isApplicationDirectoryError, type ApplicationView } from "../../../../../_lib/oidc";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { applicationAction } from "../../_lib/application-action";
import { feedbackFor } from "../../_lib/application-form";

type AppRole = ApplicationView["appRoles"][number];
const INTENTS = ["add", "edit", "disable", "enable", "remove"] as const;

/**
 * App roles through Graph's PATCH of `appRoles` (the whole list, conditional on the version read):
 * the service refuses a value twice, removing an enabled role, and removing one still assigned.
 */
export const POST = applicationAction(async ({ tenant, actor, form, app, here }) => {
  const intent = INTENTS.find((name) => name === form.get("intent"));
  const roleId = form.get("roleId") ?? "";
  const existing = app.appRoles.find((role) => role.id === roleId);
  if (!intent || (intent !== "add" && !existing)) return new Response(null, { status: 400 });

  let roles: AppRole[];
  const values: Record<string, string> = {};
  if (intent === "add" || intent === "edit") {
    const role = {
      displayName: (form.get("roleDisplayName") ?? "").trim(),
      value: (form.get("roleValue") ?? "").trim(),
      description: (form.get("roleDescription") ?? "").trim(),
      allowedMemberTypes: (["User", "Application"] as const).filter((type) => form.getAll("roleMemberTypes").includes(type)),
    };
    Object.assign(values, {
      roleDisplayName: role.displayName,
      roleValue: role.value,
      roleDescription: role.description,
      roleMemberTypes: role.allowedMemberTypes.join(","),
    });
    const problems: Record<string, string> = {};
    if (!role.displayName || role.displayName.length > 256) problems.roleDisplayName = "roleDisplayName";
    if (!role.value) problems.roleValue = "roleValue";
    if (role.allowedMemberTypes.length === 0) problems.roleMemberTypes = "roleMemberTypes";
    if (role.description.length > 1024) problems.roleDescription = "invalid";
    const back = intent === "edit" ? `${here}?role=${roleId}` : here;
    if (Object.keys(problems).length > 0) return { redirect: withFeedback(back, { problems, values }) };
    roles =
      intent === "add"
        ? [...app.appRoles, { ...role, id: randomUUID(), isEnabled: true }]
        : app.appRoles.map((r) => (r.id === roleId ? { ...r, ...role } : r));
  } else if (intent === "remove") {
    roles = app.appRoles.filter((r) => r.id !== roleId);
  } else {
    roles = app.appRoles.map((r) => (r.id === roleId ? { ...r, isEnabled: intent === "enable" } : r));
  }

  try {
    await services().applications.update(actor, tenant.slug, { id: app.id }, { appRoles: roles }, undefined, {
      ifVersion: form.get("version") ?? "",
    });
  } catch (error) {
    if (isApplicationDirectoryError(error) && error.code === "invalid" && error.field === "appRoles") {
      const field = /value|listed twice/.test(error.message) && intent !== "remove" ? "roleValue" : "roles";
      const code = /listed twice/.test(error.message)
        ? "roleDuplicate"
        : /still assigned/.test(error.message)
          ? "roleAssigned"
          : /disable/.test(error.message)
            ? "roleEnabled"
            : field === "roleValue"
              ? "roleValue"
              : "roleInvalid";
      return { redirect: withFeedback(here, { problems: { [field]: code }, values }) };
    }
    return { redirect: withFeedback(here, feedbackFor(error, values)) };
  }
  return { redirect: `${here}?done=${intent === "remove" ? "roleRemoved" : "roleSaved"}` };
});
