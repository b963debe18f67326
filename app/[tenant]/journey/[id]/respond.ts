import type { JourneyOutcome } from "../../../_lib/journeys";
import { isInteractionError } from "../../../_lib/oidc";

/**
 * A journey outcome as an HTTP answer: always 303 after the form POST (RFC 9700 §4.12), to our
 * own pages or to the authorize resume URL the OpenID provider gave us — never to anything the
 * request said.
 */
export function respond(outcome: JourneyOutcome, tenantSlug: string, baseUrl: string): Response {
  const local = (path: string) => new URL(path, baseUrl).toString();
  switch (outcome.kind) {
    case "show":
      return seeOther(local(`/${tenantSlug}/journey/${outcome.journeyId}`), outcome.setCookies);
    case "redirect":
      return seeOther(outcome.to, outcome.setCookies);
    case "federate":
      return seeOther(local(`/${tenantSlug}/journey/${outcome.journeyId}/federate/${encodeURIComponent(outcome.providerId)}`));
    case "notFound":
      return new Response(null, { status: 404 });
    case "forbidden":
    case "gone":
      // the page explains both in the person's language
      return seeOther(
        local(`/${tenantSlug}/error?code=${outcome.kind === "gone" ? "interaction_expired" : "interaction_other_browser"}`),
      );
  }
}

/**
 * The outcome of a journey step, or "gone" when the authorization request it finishes died while the
 * journey still lived (it expired, or was already answered, e.g. cancelled in another tab): the
 * person learns to start again at the application, instead of getting a 500.
 */
export async function unlessRequestGone(step: Promise<JourneyOutcome>): Promise<JourneyOutcome> {
  try {
    return await step;
  } catch (error) {
    if (isInteractionError(error)) return { kind: "gone" };
    throw error;
  }
}

export function seeOther(location: string, cookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}
