import { AttributeForm } from "../../../../_components/journey/attribute-form";
import { FormMessages } from "../../../../_components/journey/messages";
import type { Translate } from "../../../../_components/journey/translator";
import { hintAttributesFor, type JourneyRecord, type UserFlow } from "../../../../_lib/journeys";
import type { Tenant } from "../../../../_lib/tenant";
import { CancelForm, Panel } from "./panel";

interface Props {
  tenant: Tenant;
  journey: JourneyRecord;
  flow: UserFlow;
  action: string;
  t: Translate;
  locale: string;
}

/** The profile journey's pages: the attributes the guest's user flow collects, with what is stored now. */
export async function ProfileStep({ tenant, journey, flow, action, t, locale }: Props) {
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
