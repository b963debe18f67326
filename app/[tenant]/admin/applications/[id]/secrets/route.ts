import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { applicationAction } from "../../_lib/application-action";
import { feedbackFor } from "../../_lib/application-form";
import { secretEnd } from "../../_lib/secret-lifetimes";
import { showSecretOnce } from "../../_lib/show-secret";

/** A new client secret (Graph addPassword): only its hash is stored; its value is shown once. */
export const POST = applicationAction(async ({ tenant, actor, form, app, here, session }) => {
  const name = (form.get("secretDisplayName") ?? "").trim();
  const end = secretEnd(form.get("secretExpiry"));
  const values = { secretDisplayName: name, secretExpiry: form.get("secretExpiry") ?? "" };
  const problems: Record<string, string> = {};
  if (name.length > 256) problems.secretDisplayName = "secretDisplayName";
  if (!end) problems.secretExpiry = "secretExpiry";
  if (Object.keys(problems).length > 0) return { redirect: withFeedback(here, { problems, values }) };
  try {
    const issued = await services().applications.addPassword(
      actor,
      tenant.slug,
      { id: app.id },
      {
        displayName: name || null,
        endDateTime: end!,
      },
    );
    return showSecretOnce({ tenantSlug: tenant.slug, session, applicationId: app.id, issued });
  } catch (error) {
    return { redirect: withFeedback(here, feedbackFor(error, values)) };
  }
});
