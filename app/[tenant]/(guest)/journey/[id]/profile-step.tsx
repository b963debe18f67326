import { AttributeForm } from "../../../../_components/journey/attribute-form";
import { FormMessages } from "../../../../_components/journey/messages";
import { hintAttributesFor } from "../../../../_lib/journeys";
import { CancelForm, Panel, type StepViewProps } from "./panel";

/** The profile journey's pages: the attributes the guest's user flow collects, with what is stored now. */
export async function ProfileStep({ tenant, journey, flow, action, t, locale }: StepViewProps) {
  const values = { tenant: tenant.displayName };
  const back = <CancelForm journey={journey} label={t("account.profile.cancel")} />;
  switch (journey.state) {
    case "editAttributes": {
      const hints = hintAttributesFor(flow, { appId: journey.clientId, locale, fallbackLocales: [tenant.locales.default] });
      if (!hints.some((hint) => !hint.readOnly))
        return (
          <Panel title={t("account.profile.title")} body={t("account.profile.nothingToEdit", values)}>
            {back}
          </Panel>
        );
      return (
        <Panel title={t("account.profile.title")} body={t("account.profile.intro", values)}>
          {journey.ui.messages.length > 0 && Object.keys(journey.ui.fieldErrors).length === 0 && (
            <FormMessages messages={journey.ui.messages} t={t} tone="error" />
          )}
          <AttributeForm action={action} journey={journey} hints={hints} t={t} submitLabel={t("account.profile.save")} />
          {back}
        </Panel>
      );
    }
    case "refused":
      return (
        <Panel title={t("account.profile.refusedTitle")} body={t("account.profile.refusedBody", values)}>
          <FormMessages messages={journey.ui.messages} t={t} tone="error" />
          {back}
        </Panel>
      );
    case "completed":
      return <Panel title={t("account.profile.savedTitle")} body={t("account.profile.savedBody")} />;
    default:
      return null;
  }
}
