import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { providerName } from "../journey/provider-choice";
import type { JourneyView, StepData } from "../journey/steps/panel";
import type { TermsLinks } from "../journey/terms-field";
import { journeyTitle } from "../journey/steps/titles";
import { journeyMessages } from "../journey/translator";
import {
  ADMIN_SIGN_IN_KIND,
  emptyUi,
  hintAttributesFor,
  JOURNEY_COOKIE,
  journeyStepPath,
  MY_ACCESS_KIND,
  PROFILE_KIND,
  REDEMPTION_KIND,
  SIGN_UP_KIND,
  type JourneyRecord,
  type LoadedJourney,
  type UserFlow,
} from "../../_lib/journeys";
import { applicationNameFor } from "../../_lib/oidc";
import { journeys, oidc } from "../../_lib/server";
import type { Tenant } from "../../_lib/tenant";
import { translatorFrom } from "../journey/translate";
import { header, localeOf, shellProps, tenantOf, type PlainGuestProps } from "./guest-props";
import { NONCE_HEADER, PATH_HEADER } from "../../_lib/http";
import type { ProofOfWorkChallenge } from "../journey/proof-of-work-field";

// Server-only: imported by the journey pages for getServerSideProps alone, which Next keeps out of the browser build.

/** Which view renders a journey kind's states (the admin sign-in's states are the sign-up's first ones). */
export const STEP_VIEWS = {
  [SIGN_UP_KIND]: "signUp",
  [PROFILE_KIND]: "profile",
  [REDEMPTION_KIND]: "redemption",
  [ADMIN_SIGN_IN_KIND]: "signUp",
  // My Access signs in with the passcode pages of the sign-up.
  [MY_ACCESS_KIND]: "signUp",
} as const;

export type StepViewName = (typeof STEP_VIEWS)[keyof typeof STEP_VIEWS];

/** What the page body is: a status panel (gone, forbidden, expired) or one step of a live journey. */
export type JourneyBody =
  | { type: "gone" | "forbidden" }
  | { type: "expired"; action: string; version: number }
  | { type: "step"; view: StepViewName; journey: JourneyView; data: StepData; action: string };

export interface JourneyPageProps extends PlainGuestProps {
  body: JourneyBody;
}

/**
 * /{tenant}/journey/{id}[/{step}]: the journey, its flow and the page's words, read once on the
 * server. Each step has its own address (D10; app/_lib/journeys/engine/step-path.ts): a live
 * journey asked for without a step, or for a step it has left, redirects to its current step; an
 * earlier step the current one still accepts (the address page, from the passcode page) is shown
 * again, with what was typed and without the current step's messages. An unknown id is almost
 * always a journey that expired and was purged: the page says so, with a 404 (D2).
 */
export async function journeyPageProps(context: GetServerSidePropsContext): Promise<GetServerSidePropsResult<JourneyPageProps>> {
  const tenant = tenantOf(context);
  const id = context.params?.id;
  if (!tenant || typeof id !== "string") return { notFound: true };
  const step = typeof context.params?.step === "string" ? context.params.step : undefined;
  const locale = localeOf(context, tenant);
  const view = await journeys().view(tenant, id, context.req.cookies[JOURNEY_COOKIE]);
  let loaded: LoadedJourney = view.loaded;
  if (loaded.kind === "journey") {
    const journey = loaded.journey;
    const target = step === undefined ? { redirectTo: "" } : journeys().stepToShow(journey, step);
    if ("redirectTo" in target) {
      // The query (?lang=…) goes along: it is how a link picks the page's language.
      const search = new URL(header(context, PATH_HEADER) ?? "/", "http://x").search;
      return { redirect: { destination: journeyStepPath(tenant.slug, journey.id, journey.state) + search, permanent: false } };
    }
    if (target.show !== journey.state)
      loaded = {
        ...loaded,
        journey: { ...journey, state: target.show, ui: { ...emptyUi(), values: { email: journey.ui.email ?? "" } } },
      };
  }
  const messages = await journeyMessages(locale, view.flow);
  const t = translatorFrom(locale, messages);
  const body = await bodyOf(tenant, loaded, view.flow, locale, t, header(context, NONCE_HEADER));
  if (body.type === "gone") context.res.statusCode = 404;
  // Props must be JSON: the round trip drops the undefined optional fields Next would refuse.
  const page = JSON.parse(JSON.stringify(body)) as JourneyBody;
  return { props: { ...shellProps(context, tenant, locale, messages, journeyTitle(loaded, tenant, t)), body: page } };
}

async function bodyOf(
  tenant: Tenant,
  loaded: LoadedJourney,
  flow: UserFlow | undefined,
  locale: string,
  t: ReturnType<typeof translatorFrom>,
  nonce: string | null,
): Promise<JourneyBody> {
  if (loaded.kind === "notFound") return { type: "gone" };
  if (loaded.kind === "forbidden") return { type: "forbidden" };
  const journey = loaded.journey;
  const action = `/${tenant.slug}/journey/${journey.id}/submit`;
  if (loaded.kind === "expired") return { type: "expired", action, version: journey.version };
  const view = STEP_VIEWS[journey.kind as keyof typeof STEP_VIEWS];
  if (!flow || !view) return { type: "gone" };
  const { id, tenantId, kind, state, version, ui } = journey;
  return {
    type: "step",
    view,
    journey: { id, tenantId, kind, state, version, ui },
    data: await stepData(tenant, journey, flow, locale, t, nonce),
    action,
  };
}

/** What the step's view needs from the services, worked out before it renders. */
async function stepData(
  tenant: Tenant,
  journey: JourneyRecord,
  flow: UserFlow,
  locale: string,
  t: ReturnType<typeof translatorFrom>,
  nonce: string | null,
): Promise<StepData> {
  const providers = journeys()
    .offeredProviders(tenant, flow)
    .map((providerId) => tenant.identityProviders.find((p) => p.id === providerId)!);
  const federating = tenant.identityProviders.find((p) => p.id === journey.internal.federatingWith);
  const view = STEP_VIEWS[journey.kind as keyof typeof STEP_VIEWS];
  const attributePage = journey.state === "collectAttributes" || journey.state === "editAttributes";
  // The sign-up asks again only for what the upstream's sign-in left missing (nothing but the
  // checkbox when only a new version of the terms is to be accepted); the others show every field.
  const onlyMissing =
    view !== "signUp" ? undefined : journey.ui.termsOnly ? [] : journey.ui.attributes?.length ? journey.ui.attributes : undefined;
  return {
    providers,
    passcodeMinutes: journeys().passcodeMinutes(),
    hints: attributePage
      ? hintAttributesFor(flow, { appId: journey.clientId, locale, onlyMissing, fallbackLocales: [tenant.locales.default] })
      : [],
    application: journey.state === "chooseProvider" ? await applicationName(tenant, journey, locale) : tenant.displayName,
    federatingWith: federating ? providerName(federating, t) : "",
    signedInAs: journey.internal.identity?.email ?? null,
    terms: view === "signUp" && attributePage ? termsLinks(tenant, flow, locale) : null,
    proofOfWork: await proofOfWork(tenant, journey, nonce),
  };
}

/** A fresh challenge when the step asks for a proof of work (and only then does the page carry a script). */
async function proofOfWork(tenant: Tenant, journey: JourneyRecord, nonce: string | null): Promise<ProofOfWorkChallenge | null> {
  const challenge = await journeys().proofOfWorkChallenge(tenant, journey);
  return challenge && nonce ? { challenge, nonce } : null;
}

/** The flow's documents in the page's language, else the tenant's default one, else the first given. */
function termsLinks(tenant: Tenant, flow: UserFlow, locale: string): TermsLinks | null {
  const terms = flow.termsAcceptance;
  if (!terms) return null;
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
