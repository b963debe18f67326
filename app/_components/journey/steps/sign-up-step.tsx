import { AttributeForm } from "../attribute-form";
import { CodeForm, EmailForm } from "../email-forms";
import { JourneyForm, SecondaryButton } from "../journey-form";
import { FormMessages } from "../messages";
import { ProofOfWorkField } from "../proof-of-work-field";
import { ProviderChoice, providerName } from "../provider-choice";
import { chooseProviderIntroKey, waysInCopy } from "../provider-copy";
import { CancelForm, Panel, type StepViewProps } from "./panel";

/** The sign-up-or-sign-in journey's pages. */
export function SignUpStep({ tenant, journey, data, action, t, locale }: StepViewProps) {
  const values = { tenant: tenant.displayName };
  const proofOfWork = <ProofOfWorkField pow={data.proofOfWork} locale={locale} t={t} />;
  // On the code page a message is news ("a code was sent") unless a new code was refused for want of a solution.
  const proofOfWorkRefused = journey.ui.messages.some((message) => message.id.startsWith("signUpProtection.proofOfWork."));
  const messages = (
    <FormMessages
      messages={journey.ui.messages}
      t={t}
      tone={journey.state === "enterCode" && !journey.ui.fieldErrors.code && !proofOfWorkRefused ? "info" : "error"}
    />
  );
  switch (journey.state) {
    case "chooseProvider":
      return (
        <Panel
          title={t("journey.chooseProvider.title")}
          body={t(chooseProviderIntroKey(waysInCopy(data.providers, (p) => providerName(p, t), locale)), {
            application: data.application,
          })}
        >
          {messages}
          <ProviderChoice action={action} version={journey.version} providers={data.providers} t={t} />
          <CancelForm journey={journey} label={t("journey.cancel")} />
        </Panel>
      );
    case "enterEmail":
      return (
        <Panel title={t("otp.request.title")} body={t("otp.request.intro")}>
          {messages}
          <EmailForm action={action} journey={journey} t={t} otherWays={data.providers.length > 1} proofOfWork={proofOfWork} />
          {/* With a single way in there is no choice to go back to: the way back is to the application. */}
          {data.providers.length <= 1 && <CancelForm journey={journey} label={t("journey.cancel")} />}
        </Panel>
      );
    case "enterCode":
      return (
        <Panel
          title={t("otp.verify.title")}
          body={t("otp.verify.intro", { email: journey.ui.email ?? "", minutes: data.passcodeMinutes })}
        >
          {messages}
          <CodeForm action={action} journey={journey} t={t} proofOfWork={proofOfWork} />
        </Panel>
      );
    case "federating": {
      const provider = data.federatingWith;
      return (
        <Panel title={t("journey.federating.title", { provider })} body={t("journey.federating.body", { provider })}>
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
        <Panel
          title={t("attributes.page.title")}
          body={journey.ui.termsOnly ? t("journey.terms.updated", values) : t("attributes.page.intro", values)}
        >
          {data.signedInAs && <p className="mt-2 text-sm">{t("journey.attributes.signedInAs", { email: data.signedInAs })}</p>}
          {journey.ui.messages.length > 0 && Object.keys(journey.ui.fieldErrors).length === 0 && messages}
          <AttributeForm
            action={action}
            journey={journey}
            hints={data.hints}
            t={t}
            terms={data.terms ?? undefined}
            proofOfWork={proofOfWork}
          />
          <CancelForm journey={journey} label={t("journey.cancel")} />
        </Panel>
      );
    case "completed":
    // My Access identified someone not yet in the directory: done, like a sign-in.
    case "identified":
      return <Panel title={t("journey.completed.title")} body={t("journey.completed.body")} />;
    case "blocked":
      return (
        <Panel title={t("journey.blocked.title")} body={t("journey.blocked.body", values)}>
          <CancelForm journey={journey} label={t("journey.cancel")} />
        </Panel>
      );
    case "refused":
      return (
        <Panel title={t("journey.refused.title")} body={t("journey.refused.body", values)}>
          {messages}
          <CancelForm journey={journey} label={t("journey.cancel")} />
        </Panel>
      );
    case "signUpClosed":
      return (
        <Panel title={t("journey.signUpClosed.title", values)} body={t("journey.signUpClosed.body", values)}>
          <CancelForm journey={journey} label={t("journey.cancel")} />
        </Panel>
      );
    case "pendingApproval":
      return (
        <Panel title={t("journey.pendingApproval.title")} body={t("journey.pendingApproval.body", values)}>
          <p className="mt-2 text-sm">{t("journey.pendingApproval.next", values)}</p>
          <CancelForm journey={journey} label={t("journey.pendingApproval.back")} />
        </Panel>
      );
    default:
      return null;
  }
}
