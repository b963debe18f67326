import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { AttributeForm } from "../../../_components/journey/attribute-form";
import { CodeForm, EmailForm } from "../../../_components/journey/email-forms";
import { JourneyForm, PrimaryButton, SecondaryButton } from "../../../_components/journey/journey-form";
import { FormMessages } from "../../../_components/journey/messages";
import { ProviderChoice, providerName } from "../../../_components/journey/provider-choice";
import { journeyTranslator, type Translate } from "../../../_components/journey/translator";
import { isLocale, LOCALE_HEADER, SOURCE_LOCALE } from "../../../_lib/i18n";
import {
  hintAttributesFor,
  JOURNEY_COOKIE,
  loadJourney,
  offeredProviders,
  type JourneyRecord,
  type UserFlow,
} from "../../../_lib/journeys";
import { journeyDeps, oidc } from "../../../_lib/server";
import type { Tenant } from "../../../_lib/tenant";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
}

export const metadata: Metadata = { robots: { index: false } };

/** One running user flow: the page shows what its current state asks for (ARCHITECTURE §4). */
export default async function JourneyPage({ params }: Props) {
  const { tenant: slug, id } = await params;
  const tenant = tenantOrNotFound(slug);
  const chosen = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(chosen) ? chosen : SOURCE_LOCALE;
  const deps = journeyDeps();
  const loaded = await loadJourney(deps, tenant.slug, id, (await cookies()).get(JOURNEY_COOKIE)?.value);
  if (loaded.kind === "notFound") notFound();
  const flow = loaded.kind === "forbidden" ? undefined : await deps.flowFor(tenant.slug, loaded.journey.clientId);
  const t = await journeyTranslator(locale, flow);
  if (loaded.kind === "forbidden")
    return <Panel title={t("journey.status.forbiddenTitle")} body={t("journey.status.forbiddenBody")} />;
  const action = `/${tenant.slug}/journey/${loaded.journey.id}/submit`;
  if (loaded.kind === "expired") {
    return (
      <Panel title={t("journey.status.expiredTitle")} body={t("journey.status.expiredBody")}>
        <JourneyForm action={action} version={loaded.journey.version}>
          <PrimaryButton>{t("journey.status.continue")}</PrimaryButton>
        </JourneyForm>
      </Panel>
    );
  }
  if (!flow) return <Panel title={t("journey.status.goneTitle")} body={t("journey.status.goneBody")} />;
  return <CurrentStep tenant={tenant} journey={loaded.journey} flow={flow} action={action} t={t} locale={locale} />;
}

interface StepProps {
  tenant: Tenant;
  journey: JourneyRecord;
  flow: UserFlow;
  action: string;
  t: Translate;
  locale: string;
}

async function CurrentStep({ tenant, journey, flow, action, t, locale }: StepProps) {
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
      const offered = offeredProviders(flow.identityProviders, journeyDeps().availableProviders(tenant));
      const providers = offered.map((providerId) => tenant.identityProviders.find((p) => p.id === providerId)!);
      const application = await applicationName(tenant, journey);
      return (
        <Panel title={t("journey.chooseProvider.title")} body={t("journey.chooseProvider.intro", { application })}>
          {messages}
          <ProviderChoice action={action} version={journey.version} providers={providers} t={t} />
          <CancelForm tenant={tenant} journey={journey} t={t} />
        </Panel>
      );
    }
    case "enterEmail":
      return (
        <Panel title={t("otp.request.title")} body={t("otp.request.intro")}>
          {messages}
          <EmailForm action={action} journey={journey} t={t} />
        </Panel>
      );
    case "enterCode":
      return (
        <Panel
          title={t("otp.verify.title")}
          body={t("otp.verify.intro", { email: journey.ui.email ?? "", minutes: journeyDeps().passcodes.policy.validForMinutes })}
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
      const onlyMissing = journey.ui.attributes?.length ? journey.ui.attributes : undefined;
      const hints = hintAttributesFor(flow, {
        appId: journey.clientId,
        locale,
        onlyMissing,
        fallbackLocales: [tenant.locales.default],
      });
      const email = journey.internal.identity?.email;
      return (
        <Panel title={t("attributes.page.title")} body={t("attributes.page.intro", values)}>
          {email && <p className="mt-2 text-sm">{t("journey.attributes.signedInAs", { email })}</p>}
          {journey.ui.messages.length > 0 && Object.keys(journey.ui.fieldErrors).length === 0 && messages}
          <AttributeForm action={action} journey={journey} hints={hints} t={t} />
        </Panel>
      );
    }
    case "completed":
      return <Panel title={t("journey.completed.title")} body={t("journey.completed.body")} />;
    case "blocked":
      return (
        <Panel title={t("journey.blocked.title")} body={t("journey.blocked.body", values)}>
          <CancelForm tenant={tenant} journey={journey} t={t} />
        </Panel>
      );
    case "signUpClosed":
      return (
        <Panel title={t("journey.signUpClosed.title")} body={t("journey.signUpClosed.body", values)}>
          <CancelForm tenant={tenant} journey={journey} t={t} />
        </Panel>
      );
  }
}

/** Ends the authorization request with access_denied, so the application is not left waiting. */
function CancelForm({ tenant, journey, t }: { tenant: Tenant; journey: JourneyRecord; t: Translate }) {
  return (
    <form method="post" action={`/${tenant.slug}/journey/${journey.id}/cancel`} className="mt-6">
      <SecondaryButton>{t("journey.cancel")}</SecondaryButton>
    </form>
  );
}

async function applicationName(tenant: Tenant, journey: JourneyRecord): Promise<string> {
  try {
    return (await oidc().describeInteraction(tenant.slug, journey.interactionId)).clientName;
  } catch {
    return tenant.displayName;
  }
}

function Panel({ title, body, children }: { title: string; body: string; children?: React.ReactNode }) {
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold text-brand">{title}</h1>
      <p className="mt-4">{body}</p>
      {children}
    </article>
  );
}
