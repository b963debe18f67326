import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { JourneyForm, PrimaryButton } from "../../../../_components/journey/journey-form";
import { journeyTranslator } from "../../../../_components/journey/translator";
import { PATH_HEADER } from "../../../../_lib/http";
import { isLocale, LOCALE_HEADER, SOURCE_LOCALE } from "../../../../_lib/i18n";
import {
  ADMIN_SIGN_IN_KIND,
  emptyUi,
  JOURNEY_COOKIE,
  journeyStepPath,
  PROFILE_KIND,
  REDEMPTION_KIND,
  SIGN_UP_KIND,
  type LoadedJourney,
} from "../../../../_lib/journeys";
import { journeys } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { Panel } from "./panel";
import { ProfileStep } from "./profile-step";
import { RedemptionStep } from "./redemption-step";
import { SignUpStep } from "./sign-up-step";
import { journeyTitle } from "./titles";

/** /{tenant}/journey/{id} (no step: it redirects to the current one) and /{tenant}/journey/{id}/{step} ([step]/page.tsx). */
interface Props {
  params: Promise<{ tenant: string; id: string; step?: string }>;
}

/** Each journey kind's pages: what its current state asks for (the admin sign-in's states are the sign-up's first ones). */
const VIEWS = {
  [SIGN_UP_KIND]: SignUpStep,
  [PROFILE_KIND]: ProfileStep,
  [REDEMPTION_KIND]: RedemptionStep,
  [ADMIN_SIGN_IN_KIND]: SignUpStep,
} as const;

/**
 * The journey, its flow and the page's words, read once per request (the title and the page both
 * need them). Each step has its own address (D10; app/_lib/journeys/engine/step-path.ts): a live
 * journey asked for without a step, or for a step it has left, redirects to its current step; an
 * earlier step the current one still accepts (the address page, from the passcode page) is shown
 * again, with what was typed and without the current step's messages.
 */
const load = cache(async (slug: string, id: string, segment: string | undefined) => {
  const tenant = tenantOrNotFound(slug);
  const all = await headers();
  const chosen = all.get(LOCALE_HEADER);
  const locale = isLocale(chosen) ? chosen : SOURCE_LOCALE;
  const view = await journeys().view(tenant, id, (await cookies()).get(JOURNEY_COOKIE)?.value);
  let loaded: LoadedJourney = view.loaded;
  if (loaded.kind === "journey") {
    const journey = loaded.journey;
    const target = segment === undefined ? { redirectTo: "" } : journeys().stepToShow(journey, segment);
    if ("redirectTo" in target) {
      // The query (?lang=…) goes along: it is how a link picks the page's language.
      const search = new URL(all.get(PATH_HEADER) ?? "/", "http://x").search;
      redirect(journeyStepPath(tenant.slug, journey.id, journey.state) + search);
    }
    if (target.show !== journey.state)
      loaded = {
        ...loaded,
        journey: { ...journey, state: target.show, ui: { ...emptyUi(), values: { email: journey.ui.email ?? "" } } },
      };
  }
  const t = await journeyTranslator(locale, view.flow);
  return { tenant, locale, loaded, flow: view.flow, t };
});

/** WCAG 2.4.2: a title per step and state, saying when the page reports an error. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant: slug, id, step } = await params;
  const { tenant, loaded, t } = await load(slug, id, step);
  return { title: journeyTitle(loaded, tenant, t), robots: { index: false } };
}

/** One running journey: the page shows what its current state asks for (docs/ARCHITECTURE.md, "Journeys"). */
export default async function JourneyPage({ params }: Props) {
  const { tenant: slug, id, step } = await params;
  const { tenant, locale, loaded, flow, t } = await load(slug, id, step);
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
