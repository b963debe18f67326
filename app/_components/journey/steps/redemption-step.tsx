import { AttributeForm } from "../attribute-form";
import { CodeForm } from "../email-forms";
import { JourneyForm, SecondaryButton } from "../journey-form";
import { FormMessages } from "../messages";
import { ProviderChoice } from "../provider-choice";
import { Panel, type StepViewProps } from "./panel";

const CLOSED_REASONS = ["expired", "revoked", "redeemed", "unknown"] as const;

/** The invitation redemption journey's pages: who invites to what, how to sign in, the code, the attributes. */
export function RedemptionStep({ tenant, journey, data, action, t }: StepViewProps) {
  const names = { tenant: tenant.displayName, ...(journey.ui.invitedBy ? { inviter: journey.ui.invitedBy } : {}) };
  const email = journey.ui.email ?? "";
  const messages = (
    <FormMessages
      messages={journey.ui.messages}
      t={t}
      tone={journey.state === "enterCode" && !journey.ui.fieldErrors.code ? "info" : "error"}
    />
  );
  switch (journey.state) {
    case "chooseProvider":
      return (
        <Panel
          title={t("invitation.welcome.title", names)}
          body={journey.ui.invitedBy ? t("invitation.welcome.intro", names) : t("invitation.welcome.introNoInviter", names)}
        >
          <p className="mt-2">{t("invitation.welcome.address", { email })}</p>
          {messages}
          <h2 className="mt-6 text-lg font-semibold">{t("invitation.welcome.choose")}</h2>
          <ProviderChoice action={action} version={journey.version} providers={data.providers} t={t} />
        </Panel>
      );
    case "enterCode":
      return (
        <Panel title={t("otp.verify.title")} body={t("otp.verify.intro", { email, minutes: data.passcodeMinutes })}>
          {messages}
          <CodeForm action={action} journey={journey} t={t} />
        </Panel>
      );
    case "federating": {
      const name = data.federatingWith;
      return (
        <Panel title={t("journey.federating.title", { provider: name })} body={t("journey.federating.body", { provider: name })}>
          <JourneyForm action={action} version={journey.version}>
            <SecondaryButton name="action" value="restart">
              {t("journey.federating.restart")}
            </SecondaryButton>
          </JourneyForm>
        </Panel>
      );
    }
    case "collectAttributes":
      return (
        <Panel title={t("attributes.page.title")} body={t("attributes.page.intro", { tenant: tenant.displayName })}>
          {journey.ui.messages.length > 0 && Object.keys(journey.ui.fieldErrors).length === 0 && messages}
          <AttributeForm action={action} journey={journey} hints={data.hints} t={t} />
        </Panel>
      );
    case "completed":
      return <Panel title={t("invitation.completed.title")} body={t("invitation.completed.body")} />;
    case "refused":
      return (
        <Panel title={t("invitation.refused.title")} body={t("invitation.errors.notRedeemable")}>
          {messages}
        </Panel>
      );
    case "closed": {
      // Why the ticket died on the way (revoked or expired meanwhile, or redeemed in another tab).
      const reason = CLOSED_REASONS.find((known) =>
        journey.ui.messages.some((message) => message.id === `invitation.closed.${known}.body`),
      );
      return (
        <Panel
          title={t(`invitation.closed.${reason ?? "redeemed"}.title`)}
          body={t(`invitation.closed.${reason ?? "redeemed"}.body`)}
        />
      );
    }
    default:
      return null;
  }
}
