// One passcode sign-up of woodgrove (its demo flow: address, code, attributes), step by step, with
// the words each page must show in the journey's language (from messages/*.json and the flow's
// overrides, never written out here).
import path from "node:path";
import { flowOverrides, journeyTexts, type Translate } from "../../e2e/support/journey";
import { repoRoot } from "../../e2e/support/paths";
import { passcodesFor } from "./mail";
import type { DemoTenant, Page, Person } from "./person";

const flows = (slug: string) => path.join(repoRoot, `prisma/seed-data/user-flows/${slug}.json`);

/** The two shipped tenants (tenants.json): between them the journeys run in Dutch, Swedish and English. */
export const TENANTS = {
  woodgrove: {
    slug: "woodgrove",
    clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
    flowsFile: flows("woodgrove"),
    attributes: { displayName: "Fault Tester", givenName: "Fault", surname: "Tester", country: "NL", dietaryPreference: "none" },
  },
  sparbanken: {
    slug: "sparbanken",
    clientId: "5aa8ae6e-e3ee-5a4f-82b0-9fc21ba5cbe6",
    flowsFile: flows("sparbanken"),
    attributes: { givenName: "Fault", surname: "Tester", phone: "+46 70 123 45 67", postalCode: "113 45", country: "SE" },
  },
} as const satisfies Record<string, DemoTenant>;

/** The journey's words for this person: their language, with their tenant's flow overrides. */
export function textsFor(person: Person): Translate {
  return journeyTexts(person.locale, flowOverrides(person.tenant.flowsFile, "signup-signin", person.locale));
}

/** Which step a page is, by its heading in the journey's language. */
export function stepOf(page: Page, t: Translate): "email" | "code" | "attributes" | "completed" | "done" | "error" | "other" {
  if (page.url.startsWith("http://127.0.0.1:3000/")) return "done";
  if (page.heading === t("otp.request.title")) return "email";
  if (page.heading === t("otp.verify.title")) return "code";
  if (page.heading === t("attributes.page.title")) return "attributes";
  // The journey finished but its redirect to the application never reached the browser.
  if (page.heading === t("journey.completed.title")) return "completed";
  if (new URL(page.url).pathname.endsWith("/error")) return "error";
  return "other";
}

export async function startSignUp(person: Person): Promise<Page> {
  return person.open(person.authorizeUrl());
}

/** What a person saw along the way that the tests check afterwards. */
export interface Trail {
  /** Requests that got no answer at all (the instance died under them). */
  cutOff: number;
  /** Error pages shown (each checked to be the localized generic error page). */
  errorPages: number;
  /** Address submissions answered by the code page: each must have one more passcode mail. */
  codePagesShown: number;
  /** Journey pages saying the person is signed in (the redirect to the application was lost). */
  completedPages: number;
  /** Pages saying the sign-in expired or was used (the application's request was spent meanwhile). */
  expiredPages: number;
}

/**
 * Goes on from wherever the person is until the journey hands a code to the application, as a
 * person does after a failure: back to the journey page and the same step again, on whichever
 * instance answers. Every page on the way must be a step of the journey or the localized error
 * page; every "code sent" page must come with exactly one new passcode mail.
 */
export async function finishSignUp(
  person: Person,
  mailDir: string,
  check: (failure: string) => void,
  trail: Trail = { cutOff: 0, errorPages: 0, codePagesShown: 0, completedPages: 0, expiredPages: 0 },
  maxSteps = 20,
): Promise<{ code: string; trail: Trail }> {
  const t = textsFor(person);
  const locale = person.locale;
  for (let steps = 0; steps < maxSteps; steps++) {
    const page = person.page;
    try {
      if (!page) {
        await startSignUp(person);
        continue;
      }
      const step = stepOf(page, t);
      if (step === "done") return { code: person.callback!.searchParams.get("code")!, trail };
      if (step === "error" && new URL(page.url).searchParams.get("code") === "interaction_expired") {
        // The authorization request was spent (its code went to a response that never arrived): the
        // page says to go back to the application and try again, which is what the person does.
        trail.expiredPages++;
        if (page.lang !== locale || page.heading !== t("oidc.error.interaction_expired.title"))
          check(`${person.email}: expired page in ${page.lang} "${page.heading}" (${page.url})`);
        person.journeyUrl = undefined;
        await startSignUp(person);
      } else if (step === "error") {
        trail.errorPages++;
        if (page.lang !== locale || page.heading !== t("errors.generic.title"))
          check(`${person.email}: error page in ${page.lang} "${page.heading}" (${page.url})`);
        await reopen(person);
      } else if (step === "email") {
        const before = (await passcodesFor(mailDir, person.email)).length;
        const next = await person.submit({ email: person.email });
        if (stepOf(next, t) === "code") {
          trail.codePagesShown++;
          const after = (await passcodesFor(mailDir, person.email)).length;
          if (after !== before + 1) check(`${person.email}: the code page was shown but ${after - before} mails arrived`);
        }
      } else if (step === "code") {
        const codes = await passcodesFor(mailDir, person.email);
        if (codes.length === 0) check(`${person.email}: on the code page without any passcode mail`);
        await person.submit({ code: codes.at(-1)?.code ?? "000000" });
      } else if (step === "completed") {
        // What the page tells the person: go back to the application, which signs them in again.
        trail.completedPages++;
        if (page.lang !== locale || !page.html.includes(t("journey.completed.body")))
          check(`${person.email}: the signed-in page is not in ${locale}`);
        person.journeyUrl = undefined;
        await startSignUp(person);
      } else if (step === "attributes") {
        await person.submit(person.tenant.attributes);
      } else {
        check(`${person.email}: an unexpected page ${page.status} "${page.heading}" at ${page.url}`);
        await reopen(person);
      }
    } catch (error) {
      // No answer (connection refused or reset): the browser's own error; the person tries again.
      if (!(error instanceof TypeError) && (error as Error).name !== "TimeoutError") throw error;
      trail.cutOff++;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await reopen(person).catch(() => undefined);
    }
  }
  throw new Error(
    `${person.email} did not finish within ${maxSteps} steps (last: ${person.page?.url} "${person.page?.heading}")`,
  );
}

/** Back to the journey page (or, before there was one, a fresh start from the application). */
async function reopen(person: Person): Promise<void> {
  if (person.journeyUrl) await person.open(person.journeyUrl);
  else await startSignUp(person);
}
