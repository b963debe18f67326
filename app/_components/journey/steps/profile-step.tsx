import { AttributeForm } from "../attribute-form";
import { FormMessages } from "../messages";
import { CancelForm, Panel, type StepViewProps } from "./panel";

/** The profile journey's pages: the attributes the guest's user flow collects, with what is stored now. */
export function ProfileStep({ tenant, journey, data, action, t }: StepViewProps) {
  const values = { tenant: tenant.displayName };
  const back = <CancelForm journey={journey} label={t("account.profile.cancel")} />;
  switch (journey.state) {
    case "editAttributes": {
      if (!data.hints.some((hint) => !hint.readOnly))
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
          <AttributeForm action={action} journey={journey} hints={data.hints} t={t} submitLabel={t("account.profile.save")} />
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
