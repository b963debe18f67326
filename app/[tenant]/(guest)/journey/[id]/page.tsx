import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { JourneyForm, PrimaryButton } from "../../../../_components/journey/journey-form";
import { journeyTranslator } from "../../../../_components/journey/translator";
import { isLocale, LOCALE_HEADER, SOURCE_LOCALE } from "../../../../_lib/i18n";
import { ADMIN_SIGN_IN_KIND, JOURNEY_COOKIE, PROFILE_KIND, REDEMPTION_KIND, SIGN_UP_KIND } from "../../../../_lib/journeys";
import { journeys } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { Panel } from "./panel";
import { ProfileStep } from "./profile-step";
import { RedemptionStep } from "./redemption-step";
import { SignUpStep } from "./sign-up-step";
import { journeyTitle } from "./titles";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
}

/** Each journey kind's pages: what its current state asks for (the admin sign-in's states are the sign-up's first ones). */
const VIEWS = {
  [SIGN_UP_KIND]: SignUpStep,
  [PROFILE_KIND]: ProfileStep,
  [REDEMPTION_KIND]: RedemptionStep,
  [ADMIN_SIGN_IN_KIND]: SignUpStep,
} as const;

/** The journey, its flow and the page's words, read once per request (the title and the page both need them). */
const load = cache(async (slug: string, id: string) => {
  const tenant = tenantOrNotFound(slug);
  const chosen = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(chosen) ? chosen : SOURCE_LOCALE;
  const { loaded, flow } = await journeys().view(tenant, id, (await cookies()).get(JOURNEY_COOKIE)?.value);
  const t = await journeyTranslator(locale, flow);
  return { tenant, locale, loaded, flow, t };
});

/** WCAG 2.4.2: a title per step and state, saying when the page reports an error. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant: slug, id } = await params;
  const { tenant, loaded, t } = await load(slug, id);
  return { title: journeyTitle(loaded, tenant, t), robots: { index: false } };
}

/** One running journey: the page shows what its current state asks for (docs/ARCHITECTURE.md, "Journeys"). */
export default async function JourneyPage({ params }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, locale, loaded, flow, t } = await load(slug, id);
  // An unknown id is almost always a journey that expired and was purged: say that, on a page the
  // server renders whole (a thrown notFound() reaches the browser as an empty shell until JavaScript runs).
  if (loaded.kind === "notFound") return <Panel title={t("journey.status.goneTitle")} body={t("journey.status.goneBody")} />;
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
  const View = VIEWS[loaded.journey.kind as keyof typeof VIEWS];
  if (!flow || !View) return <Panel title={t("journey.status.goneTitle")} body={t("journey.status.goneBody")} />;
  return <View tenant={tenant} journey={loaded.journey} flow={flow} action={action} t={t} locale={locale} />;
}
