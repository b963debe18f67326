import type { JourneyRecord, LoadedJourney } from "../../../_lib/journeys";
import type { MessageKey } from "../../../_lib/i18n";
import type { Tenant } from "../../../_lib/tenant";
import { providerName } from "../provider-choice";
import type { Translate } from "../translate";

/** The headings of each state; the page's <title> and its <h1> say the same (WCAG 2.4.2). */
const STATE_TITLES: Readonly<Record<string, Readonly<Record<string, MessageKey>>>> = {
  signup: {
    chooseProvider: "journey.chooseProvider.title",
    enterEmail: "otp.request.title",
    enterCode: "otp.verify.title",
    federating: "journey.federating.title",
    collectAttributes: "attributes.page.title",
    completed: "journey.completed.title",
    blocked: "journey.blocked.title",
    refused: "journey.refused.title",
    signUpClosed: "journey.signUpClosed.title",
    pendingApproval: "journey.pendingApproval.title",
  },
  redemption: {
    chooseProvider: "invitation.welcome.title",
    enterCode: "otp.verify.title",
    federating: "journey.federating.title",
    collectAttributes: "attributes.page.title",
    completed: "invitation.completed.title",
    refused: "invitation.refused.title",
    closed: "invitation.closed.redeemed.title",
  },
  myAccess: {
    enterEmail: "otp.request.title",
    enterCode: "otp.verify.title",
    completed: "journey.completed.title",
    refused: "journey.refused.title",
  },
  profile: {
    editAttributes: "account.profile.title",
    refused: "account.profile.refusedTitle",
    completed: "account.profile.savedTitle",
  },
};

/** Messages that inform rather than report a problem: they do not make the title say "Error". */
const INFORMATION: readonly MessageKey[] = ["journey.otp.sent"];

/** Whether the page shows a problem the person must deal with (a field error, or an error message). */
export function showsError(journey: Pick<JourneyRecord, "ui">): boolean {
  return (
    Object.keys(journey.ui.fieldErrors).length > 0 || journey.ui.messages.some((message) => !INFORMATION.includes(message.id))
  );
}

/**
 * The document title of a journey page: the step's heading and the tenant, with an error prefix
 * when the page reports a problem ("Fout: Vul de code in – Woodgrove Groceries"), so that a tab,
 * the history and a screen reader's first words tell the step and the state apart.
 */
export function journeyTitle(loaded: LoadedJourney, tenant: Tenant, t: Translate): string {
  const heading = (() => {
    switch (loaded.kind) {
      case "notFound":
        return t("journey.status.goneTitle");
      case "forbidden":
        return t("journey.status.forbiddenTitle");
      case "expired":
        return t("journey.status.expiredTitle");
      case "journey": {
        const key = STATE_TITLES[loaded.journey.kind]?.[loaded.journey.state];
        if (!key) return t("journey.status.goneTitle");
        const provider = tenant.identityProviders.find((p) => p.id === loaded.journey.internal.federatingWith);
        return t(key, { provider: provider ? providerName(provider, t) : "", tenant: tenant.displayName });
      }
    }
  })();
  const title = t("meta.errorTitle", { title: heading, tenant: tenant.displayName });
  return loaded.kind === "journey" && showsError(loaded.journey) ? t("meta.errorPrefix", { title }) : title;
}
