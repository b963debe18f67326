import Head from "next/head";
import { JourneyForm, PrimaryButton } from "../journey/journey-form";
import { Panel } from "../journey/steps/panel";
import { ProfileStep } from "../journey/steps/profile-step";
import { RedemptionStep } from "../journey/steps/redemption-step";
import { SignUpStep } from "../journey/steps/sign-up-step";
import { translatorFrom, type Translate } from "../journey/translate";
import { FailurePage, isFailure } from "./failure-page";
import type { FailureProps } from "./failure-props";
import { PlainGuestPage } from "./guest-page";
import type { JourneyBody, JourneyPageProps, StepViewName } from "./journey-props";

const VIEWS = { signUp: SignUpStep, profile: ProfileStep, redemption: RedemptionStep } satisfies Record<StepViewName, unknown>;

/**
 * One running journey's page, rendered on the server without the client runtime (Pages Router,
 * `unstable_runtimeJS: false`): every step is a plain form posting to the journey's route handlers,
 * focus lands on the first field or the error summary through `autofocus`, and nothing is hydrated.
 */
export function JourneyPage(props: JourneyPageProps | FailureProps) {
  if (isFailure(props)) return <FailurePage props={props} />;
  const t = translatorFrom(props.locale, props.messages);
  return (
    <PlainGuestPage props={props}>
      <Head>
        {/* Journey pages are one person's state: never indexed. */}
        <meta name="robots" content="noindex" />
      </Head>
      <JourneyBodyView body={props.body} props={props} t={t} />
    </PlainGuestPage>
  );
}

function JourneyBodyView({ body, props, t }: { body: JourneyBody; props: JourneyPageProps; t: Translate }) {
  switch (body.type) {
    case "gone":
      return <Panel title={t("journey.status.goneTitle")} body={t("journey.status.goneBody")} />;
    case "forbidden":
      return <Panel title={t("journey.status.forbiddenTitle")} body={t("journey.status.forbiddenBody")} />;
    case "expired":
      return (
        <Panel title={t("journey.status.expiredTitle")} body={t("journey.status.expiredBody")}>
          <JourneyForm action={body.action} version={body.version}>
            <PrimaryButton>{t("journey.status.continue")}</PrimaryButton>
          </JourneyForm>
        </Panel>
      );
    case "step": {
      const View = VIEWS[body.view];
      return (
        <View tenant={props.tenant} journey={body.journey} data={body.data} action={body.action} t={t} locale={props.locale} />
      );
    }
  }
}
