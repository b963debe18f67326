import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../i18n";
import { renderAccessApprovalEmail, renderAccessRequestorEmail, type AccessRequestorKind } from "./access-package-email";
import { readerLocale } from "./access-package-mailer";
import { mailTranslator } from "./translator";

const woodgrove = { displayName: "Woodgrove Groceries", branding: { primaryColor: "#1d6b3a" } };
const REVIEW = "https://id.example/woodgrove/admin/access-approvals/0c1d";
const MY_ACCESS = "https://id.example/woodgrove/myaccess";
const KINDS: AccessRequestorKind[] = ["delivered", "denied", "autoDenied", "expiringSoon", "expired", "removed"];
const endDate = { en: "December 31, 2026", nl: "31 december 2026", sv: "31 december 2026", fr: "31 décembre 2026" };

describe.each(SUPPORTED_LOCALES)("access-package e-mails in %s", (locale) => {
  it("asks an approver: person, organisation, package, justification, stage, deadline and the approval page", async () => {
    const mail = renderAccessApprovalEmail({
      tenant: woodgrove,
      accessPackage: "Partner <portal>",
      person: { displayName: "Nina", email: "nina@fabrikam.example" },
      organization: "Fabrikam",
      justification: "Project <b>Lindholm</b>",
      stage: 2,
      stages: 3,
      dueAt: new Date("2026-12-31T10:00:00Z"),
      escalated: true,
      reviewUrl: REVIEW,
      locale,
      t: await mailTranslator(locale),
    });
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("Fabrikam");
      expect(part).toContain(endDate[locale]);
      expect(part).toMatch(/2\D+3/);
    }
    expect(mail.subject).toContain("Partner <portal>");
    expect(mail.text).toContain("Nina <nina@fabrikam.example>");
    expect(mail.text).toContain("> Project <b>Lindholm</b>");
    expect(mail.text).toContain((await mailTranslator(locale))("accessPackage.approval.escalated"));
    expect(mail.text).toContain(`\n${REVIEW}\n`);
    // Everything the requestor typed is text in the HTML part.
    expect(mail.html).toContain("Project &lt;b&gt;Lindholm&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>Lindholm");
    expect(mail.html).toContain(`href="${REVIEW}"`);
    expect(mail.html).toContain(`<html lang="${locale}">`);
  });

  it("leaves out the stage of a one-stage policy and says when there is no justification", async () => {
    const t = await mailTranslator(locale);
    const input = {
      tenant: woodgrove,
      accessPackage: "Partner portal",
      person: { displayName: null, email: "nina@fabrikam.example" },
      organization: null,
      justification: " ",
      stage: 1,
      stages: 1,
      dueAt: null,
      escalated: false,
      reviewUrl: REVIEW,
      locale,
      t,
    };
    const mail = renderAccessApprovalEmail(input);
    expect(mail.text).toContain(t("accessPackage.approval.noJustification"));
    expect(mail.text).not.toContain(t("accessPackage.approval.escalated"));
    expect(mail.text).not.toContain(t("accessPackage.approval.stage", { stage: 1, stages: 1 }));
    expect(mail.text).toContain(
      t("accessPackage.approval.intro", {
        person: "<nina@fabrikam.example>",
        accessPackage: "Partner portal",
        tenant: "Woodgrove Groceries",
      }),
    );
  });

  it.each(KINDS)("tells the person (%s) with the My Access link", async (kind) => {
    const mail = renderAccessRequestorEmail({
      tenant: woodgrove,
      kind,
      accessPackage: "Partner portal",
      justification: "Not <this> quarter",
      expiresAt: new Date("2026-12-31T10:00:00Z"),
      myAccessUrl: MY_ACCESS,
      locale,
      t: await mailTranslator(locale),
    });
    expect(mail.subject).toContain("Partner portal");
    expect(mail.text).toContain(`\n${MY_ACCESS}\n`);
    expect(mail.html).toContain(`href="${MY_ACCESS}"`);
    // Only a denial quotes the approver; only "delivered" and "expiring soon" name the end.
    expect(mail.text.includes("> Not <this> quarter")).toBe(kind === "denied");
    expect(mail.html.includes("Not &lt;this&gt; quarter")).toBe(kind === "denied");
    expect(mail.text.includes(endDate[locale])).toBe(kind === "delivered" || kind === "expiringSoon");
  });
});

describe("the reader's language", () => {
  const tenant = { locales: { enabled: ["en", "nl", "fr"] as const, default: "nl" as const } };
  it("is their preferredLanguage when the tenant offers it, else the tenant's default", () => {
    expect(readerLocale(tenant as never, { preferredLanguage: "fr-CA" })).toBe("fr");
    expect(readerLocale(tenant as never, { preferredLanguage: "EN_gb" })).toBe("en");
    expect(readerLocale(tenant as never, { preferredLanguage: "sv-SE" })).toBe("nl");
    expect(readerLocale(tenant as never, { preferredLanguage: null })).toBe("nl");
  });
});
