// The sign-up approval queue end to end in the browser, against the built server and real SMTP:
// the operator puts the e2e tenant's "progressive" flow behind approval (a flows-file import, as
// an operator would); a new person signs up and lands on the "your request is with …" page, whose
// way back ends the application's request with access_denied; a User Administrator approves in the
// portal's Sign-up requests page with a message; the approval mail arrives in the person's
// language; then the person signs in normally. In two languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPROVAL_PENDING_DESCRIPTION } from "../../../app/_lib/journeys";
import { signInAsAdministrator } from "../support/admin";
import { APPS } from "../support/applications";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { importFlowChange } from "../support/flow-import";
import { expectStep, heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { baseURL, message } from "../support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();
const app = APPS.e2eProgressive;
const TENANT_NAME = "Atelier Bout-en-Bout";

/** Imports the e2e flows file with the "progressive" flow changed by `change` (the file as shipped when absent). */
const importFlows = (change?: (flow: Record<string, unknown>) => void) => importFlowChange(app, "progressive", change);

describe("a flow that requires approval of sign-ups", () => {
  beforeAll(() => importFlows((flow) => (flow.signUpApproval = { autoApproveDomains: ["atelier-partner.example"] })));
  afterAll(() => importFlows());

  it.each([
    ["fr", "Camille", "Claudel"],
    ["nl", "Anna", "Blaman"],
  ] as const)(
    "in %s: sign-up → waiting page → approved in the portal → mail → sign-in",
    async (locale, givenName, surname) => {
      const t = journeyTexts(locale);
      const email = uniqueEmail(`approval-${locale}`);

      // The person signs up and waits; the application hears access_denied with the documented description.
      const signUp = await rp.begin(app, { uiLocales: locale });
      const page = await browser.newPage({ acceptLanguage: locale });
      const journey = journeyPage(page, t);
      await page.goto(signUp.url);
      await journey.chooseEmail();
      await journey.requestCode(email);
      await journey.enterCode(passcodeIn(await mailbox.next(email)));
      await journey.fillAttributes({ givenName, surname });
      await journey.submitAttributes();
      await expectStep(page, { tenant: app.tenant, locale, title: t("journey.pendingApproval.title"), axe: true });
      expect(await page.locator("main").textContent()).toContain(t("journey.pendingApproval.body", { tenant: TENANT_NAME }));
      await submitAndWait(page, () => journey.button(t("journey.pendingApproval.back")).click());
      const refused = await signUp.refused(page);
      expect(refused.error).toBe("access_denied");
      expect(refused.callback.searchParams.get("error_description")).toBe(APPROVAL_PENDING_DESCRIPTION);
      const guest = await db().guest.findFirstOrThrow({ where: { tenantId: app.tenant, email } });
      expect(guest.state).toBe("pendingApproval");

      // A User Administrator decides in the portal, in the same language, with a message for the person.
      const admin = await browser.newPage({ acceptLanguage: locale });
      const memberId = await signInAsAdministrator(admin.context(), db(), baseURL(), app.tenant, "userAdministrator");
      await admin.goto(`/${app.tenant}/admin/sign-up-requests`);
      expect(await heading(admin)).toBe(message(locale, "admin.signUpRequests.title"));
      const card = admin.getByRole("listitem").filter({ hasText: email });
      const note = `${givenName}, bienvenue / welkom!`;
      await card.getByLabel(message(locale, "admin.signUpRequests.form.message")).fill(note);
      const who = `${givenName} ${surname}`;
      await submitAndWait(admin, () =>
        card.getByRole("button", { name: message(locale, "admin.signUpRequests.form.approveLabel", { name: who }) }).click(),
      );
      await expect
        .poll(() => admin.locator("main [role=status]").textContent())
        .toBe(message(locale, "admin.signUpRequests.notices.approved"));
      expect(await admin.getByRole("listitem").filter({ hasText: email }).count()).toBe(0);
      const decided = await db().auditEvent.findFirstOrThrow({ where: { targetId: guest.id, type: "guest.signUpApproved" } });
      expect(decided).toMatchObject({ actorType: "administrator", actorId: memberId });

      // The approval mail, in the language the person signed up in, with the approver's message.
      const mail = await mailbox.next(email);
      expect(mail.parsed.subject).toBe(message(locale, "mail.signUpApproval.approved.subject", { tenant: TENANT_NAME }));
      expect(mail.parsed.text).toContain(`> ${note}`);

      // Now the person signs in as any guest does, straight back to the application.
      const signIn = await rp.begin(app, { uiLocales: locale });
      const again = await browser.newPage({ acceptLanguage: locale });
      await again.goto(signIn.url);
      await journeyPage(again, t).chooseEmail();
      await journeyPage(again, t).requestCode(email);
      await journeyPage(again, t).enterCode(passcodeIn(await mailbox.next(email)));
      const { claims } = await signIn.complete(again);
      expect(claims).toMatchObject({ email, given_name: givenName, family_name: surname });
    },
    120_000,
  );
});
