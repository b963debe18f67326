import { AttributeForm } from "../../../../_components/journey/attribute-form";
import { CodeForm, EmailForm } from "../../../../_components/journey/email-forms";
import { JourneyForm, SecondaryButton } from "../../../../_components/journey/journey-form";
import { FormMessages } from "../../../../_components/journey/messages";
import { ProviderChoice, providerName } from "../../../../_components/journey/provider-choice";
import { chooseProviderIntroKey, waysInCopy } from "../../../../_components/journey/provider-copy";
import { hintAttributesFor, type JourneyRecord, type UserFlow } from "../../../../_lib/journeys";
import { applicationNameFor } from "../../../../_lib/oidc";
import { journeys, oidc } from "../../../../_lib/server";
import type { Tenant } from "../../../../_lib/tenant";
import type { TermsLinks } from "../../../../_components/journey/terms-field";
import { CancelForm, Panel, type StepViewProps } from "./panel";

/** The sign-up-or-sign-in journey's pages. */
export async function SignUpStep({ tenant, journey, flow, action, t, locale }: StepViewProps) {
  const values = { tenant: tenant.displayName };
  const messages = (
    <FormMessages
      messages={journey.ui.messages}
      t={t}
      tone={journey.state === "enterCode" && !journey.ui.fieldErrors.code ? "info" : "error"}
    />
  );
  switch (journey.state) {
    case "chooseProvider": {
      const offered = journeys().offeredProviders(tenant, flow);
      const providers = offered.map((providerId) => tenant.identityProviders.find((p) => p.id === providerId)!);
      const application = await applicationName(tenant, journey, locale);
      return (
        <Panel
          title={t("journey.chooseProvider.title")}
          body={t(chooseProviderIntroKey(waysInCopy(providers, (p) => providerName(p, t), locale)), { application })}
        >
          {messages}
          <ProviderChoice action={action} version={journey.version} providers={providers} t={t} />
          <CancelForm journey={journey} label={t("journey.cancel")} />
        </Panel>
      );
    }
    case "enterEmail":
      return (
        <Panel title={t("otp.request.title")} body={t("otp.request.intro")}>
          {messages}
          <EmailForm action={action} journey={journey} t={t} otherWays={journeys().offeredProviders(tenant, flow).length > 1} />
          {/* With a single way in there is no choice to go back to: the way back is to the application. */}
          {journeys().offeredProviders(tenant, flow).length <= 1 && <CancelForm journey={journey} label={t("journey.cancel")} />}
        </Panel>
      );
    case "enterCode":
      return (
        <Panel
          title={t("otp.verify.title")}
          body={t("otp.verify.intro", { email: journey.ui.email ?? "", minutes: journeys().passcodeMinutes() })}
        >
          {messages}
          <CodeForm action={action} journey={journey} t={t} />
        </Panel>
      );
    case "federating": {
      const provider = tenant.identityProviders.find((p) => p.id === journey.internal.federatingWith);
      const name = provider ? providerName(provider, t) : "";
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
    case "collectAttributes": {
      const onlyMissing = journey.ui.termsOnly ? [] : journey.ui.attributes?.length ? journey.ui.attributes : undefined;
      const hints = hintAttributesFor(flow, {
        appId: journey.clientId,
        locale,
        onlyMissing,
        fallbackLocales: [tenant.locales.default],
      });
      const email = journey.internal.identity?.email;
      return (
        <Panel
          title={t("attributes.page.title")}
          body={journey.ui.termsOnly ? t("journey.terms.updated", values) : t("attributes.page.intro", values)}
        >
          {email && <p className="mt-2 text-sm">{t("journey.attributes.signedInAs", { email })}</p>}
          {journey.ui.messages.length > 0 && Object.keys(journey.ui.fieldErrors).length === 0 && messages}
          <AttributeForm action={action} journey={journey} hints={hints} t={t} terms={termsLinks(tenant, flow, locale)} />
          <CancelForm journey={journey} label={t("journey.cancel")} />
        </Panel>
      );
    }
    case "completed":
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

/** The flow's documents in the page's language, else the tenant's default one, else the first given. */
function termsLinks(tenant: Tenant, flow: UserFlow, locale: string): TermsLinks | undefined {
  const terms = flow.termsAcceptance;
  if (!terms) return undefined;
  const pick = (links: Partial<Record<string, string>>) =>
    links[locale] ?? links[tenant.locales.default] ?? Object.values(links).find((url) => url !== undefined) ?? "";
  return { termsUrl: pick(terms.termsUrl), privacyUrl: pick(terms.privacyUrl) };
}

/** The application's name in the page's language (its own name for it, else its display name). */
async function applicationName(tenant: Tenant, journey: JourneyRecord, locale: string): Promise<string> {
  const interactionId = journey.completion.type === "interaction" ? journey.completion.interactionId : undefined;
  if (!interactionId) return tenant.displayName;
  try {
    const { clientName, clientNames } = await oidc().describeInteraction(tenant.slug, interactionId);
    return applicationNameFor({ name: clientName, localizedDisplayNames: clientNames }, locale);
  } catch {
    return tenant.displayName;
  }
}
