import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import { feedbackFor, platformsFor, readSettings, settingsProblems, type ClientKind } from "../_lib/application-form";
import { secretEnd } from "../_lib/secret-lifetimes";
import { showSecretOnce } from "../_lib/show-secret";

/**
 * Registers an application through the Graph `applications` verbs (create, then addPassword for a
 * confidential one, as `app create --type confidential` issues its first secret), audited with the
 * administrator as actor. A confidential application's first secret is shown once, on the next page.
 */
// Record<string, string>: the wrapper's default (no params) does not accept Next's `{ tenant }` context type.
export const POST = adminAction<Record<string, string>>("applications.write", async ({ tenant, actor, form, session }) => {
  const back = `/${tenant.slug}/admin/applications/new`;
  const settings = readSettings(form);
  const kind = form.get("clientType");
  const secretName = (form.get("secretDisplayName") ?? "").trim();
  const values = {
    displayName: settings.displayName,
    clientType: kind ?? "",
    redirectUris: settings.redirectUris.join("\n"),
    postLogoutRedirectUris: settings.postLogoutRedirectUris.join("\n"),
    secretDisplayName: secretName,
    secretExpiry: form.get("secretExpiry") ?? "",
  };
  const problems = settingsProblems(settings);
  if (kind !== "public" && kind !== "confidential") problems.clientType = "clientType";
  if (kind === "public" && settings.redirectUris.length === 0 && !problems.redirectUris) problems.redirectUris = "required";
  const end = secretEnd(form.get("secretExpiry"));
  if (kind === "confidential" && !end) problems.secretExpiry = "secretExpiry";
  if (secretName.length > 256) problems.secretDisplayName = "secretDisplayName";
  if (Object.keys(problems).length > 0) return { redirect: withFeedback(back, { problems, values }) };

  const applications = services().applications;
  let created;
  try {
    created = await applications.create(actor, tenant.slug, {
      displayName: settings.displayName,
      ...platformsFor(kind as ClientKind, settings.redirectUris),
      postLogoutRedirectUris: settings.postLogoutRedirectUris,
    });
  } catch (error) {
    return { redirect: withFeedback(back, feedbackFor(error, values)) };
  }
  if (kind === "public") return { redirect: `/${tenant.slug}/admin/applications/${created.id}?done=registered` };
  const issued = await applications.addPassword(
    actor,
    tenant.slug,
    { id: created.id },
    {
      displayName: secretName || null,
      endDateTime: end!,
    },
  );
  return showSecretOnce({ tenantSlug: tenant.slug, session, applicationId: created.id, issued });
});
