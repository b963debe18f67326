import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { applicationAction } from "../../_lib/application-action";
import { feedbackFor, platformsFor, readSettings, settingsProblems } from "../../_lib/application-form";
import { localizedNameLocales, readLocalizedNames } from "../../_lib/localized-names-form";

/**
 * Name, its translations and URIs, saved only over the version the administrator read (else
 * "changed meanwhile"). The names replace the stored map, as Graph's guestgateLocalizedDisplayNames does.
 */
export const POST = applicationAction(async ({ tenant, actor, form, app, here }) => {
  const settings = readSettings(form);
  const localized = readLocalizedNames(form, localizedNameLocales(app.localizedDisplayNames, tenant.locales.enabled));
  const values = {
    displayName: settings.displayName,
    redirectUris: settings.redirectUris.join("\n"),
    postLogoutRedirectUris: settings.postLogoutRedirectUris.join("\n"),
    ...localized.typed,
  };
  const problems = { ...settingsProblems(settings), ...localized.problems };
  if (Object.keys(problems).length > 0) return { redirect: withFeedback(here, { problems, values }) };
  try {
    await services().applications.update(
      actor,
      tenant.slug,
      { id: app.id },
      {
        displayName: settings.displayName,
        ...platformsFor(app.clientType, settings.redirectUris, app),
        postLogoutRedirectUris: settings.postLogoutRedirectUris,
        localizedDisplayNames: localized.names,
      },
      undefined,
      { ifVersion: form.get("version") ?? "" },
    );
  } catch (error) {
    return { redirect: withFeedback(here, feedbackFor(error, values)) };
  }
  return { redirect: `${here}?done=saved` };
});
