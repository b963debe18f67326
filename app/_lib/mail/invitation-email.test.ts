import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../i18n";
import { renderInvitationEmail, type InvitationEmailInput } from "./invitation-email";
import { mailTranslator } from "./translator";

const woodgrove = { displayName: "Woodgrove Groceries", branding: { primaryColor: "#1d6b3a" } };
const URL = "https://id.example/woodgrove/invite/abc_DEF-123";
const subjects = {
  en: "Ada Admin invited you to Woodgrove Groceries",
  nl: "Ada Admin nodigt u uit bij Woodgrove Groceries",
  sv: "Ada Admin har bjudit in dig till Woodgrove Groceries",
  fr: "Ada Admin vous invite à rejoindre Woodgrove Groceries",
};
const expiry = { en: "December 31, 2026", nl: "31 december 2026", sv: "31 december 2026", fr: "31 décembre 2026" };

const input = async (
  locale: (typeof SUPPORTED_LOCALES)[number],
  extra: Partial<InvitationEmailInput> = {},
): Promise<InvitationEmailInput> => ({
  kind: "invitation",
  tenant: woodgrove,
  inviterName: "Ada Admin",
  customMessage: null,
  acceptUrl: URL,
  expiresAt: new Date("2026-12-31T10:00:00Z"),
  locale,
  t: await mailTranslator(locale),
  ...extra,
});

describe.each(SUPPORTED_LOCALES)("invitation e-mail in %s", (locale) => {
  it("names inviter and tenant, carries the accept link and the expiry, in text and HTML", async () => {
    const mail = renderInvitationEmail(await input(locale));
    expect(mail.subject).toBe(subjects[locale]);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(expiry[locale]);
      expect(part).toContain("Ada Admin");
    }
    expect(mail.text).toContain(`\n${URL}\n`);
    expect(mail.html).toContain(`<html lang="${locale}">`);
    expect(mail.html).toContain(`href="${URL}"`);
    expect(mail.html).toContain("background-color:#1d6b3a;color:#ffffff;");
    expect(mail.html).not.toMatch(/<img|<script|src=/i);
  });

  it("says 'invited again' and 'reminder' in their own words", async () => {
    const first = renderInvitationEmail(await input(locale));
    const again = renderInvitationEmail(await input(locale, { kind: "invitedAgain" }));
    const reminder = renderInvitationEmail(await input(locale, { kind: "reminder" }));
    expect(new Set([first.subject, again.subject, reminder.subject]).size).toBe(3);
    expect(again.text).not.toBe(first.text);
    expect(reminder.text).not.toBe(again.text);
  });

  it("escapes the custom message and every name", async () => {
    const mail = renderInvitationEmail(
      await input(locale, {
        inviterName: `<b>Eve</b> & "Co"`,
        customMessage: `Hello <script>alert(1)</script>\nsecond line`,
        tenant: { displayName: "<i>T</i>", branding: { primaryColor: "#ffcc00" } },
      }),
    );
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>Eve</b>");
    expect(mail.html).not.toContain("<i>T</i>");
    expect(mail.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.text).toContain("> Hello <script>alert(1)</script>\n> second line");
    expect(mail.html).toContain("background-color:#ffcc00;color:#000000;");
  });
});

describe("invitation e-mail", () => {
  it("without an inviter's name speaks for the tenant", async () => {
    const mail = renderInvitationEmail(await input("en", { inviterName: null, customMessage: "Hi" }));
    expect(mail.subject).toBe("You are invited to Woodgrove Groceries");
    expect(mail.text).toContain("Woodgrove Groceries invited you as a guest.");
    expect(mail.text).toContain("Message from Woodgrove Groceries:");
  });

  it("refuses a link that is not https", async () => {
    await expect(input("en", { acceptUrl: "javascript:alert(1)" }).then(renderInvitationEmail)).rejects.toThrow(TypeError);
  });
});
