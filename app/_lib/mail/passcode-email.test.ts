import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../i18n";
import { renderPasscodeEmail } from "./passcode-email";
import { mailTranslator } from "./translator";

const woodgrove = { displayName: "Woodgrove Groceries", branding: { primaryColor: "#1d6b3a" } };
const subjects = {
  en: "Your verification code for Woodgrove Groceries",
  nl: "Uw verificatiecode voor Woodgrove Groceries",
  sv: "Din verifieringskod för Woodgrove Groceries",
  fr: "Votre code de vérification pour Woodgrove Groceries",
};
const validity = { en: "10 minutes", nl: "10 minuten", sv: "10 minuter", fr: "10 minutes" };

describe.each(SUPPORTED_LOCALES)("passcode e-mail in %s", (locale) => {
  it("is localized, branded, and carries the code in text and HTML", async () => {
    const mail = renderPasscodeEmail({ tenant: woodgrove, code: "042917", minutes: 10, locale, t: await mailTranslator(locale) });
    expect(mail.subject).toBe(subjects[locale]);
    expect(mail.subject).not.toContain("042917");
    expect(mail.text).toContain("    042917\n");
    expect(mail.text).toContain(validity[locale]);
    expect(mail.html).toContain(`<html lang="${locale}">`);
    expect(mail.html).toMatch(/letter-spacing:8px;">042917<\/p>/);
    expect(mail.html).toContain(validity[locale]);
    expect(mail.html).toContain("background-color:#1d6b3a;color:#ffffff;");
  });

  it("loads nothing from anywhere: no images, no links, no tracking", async () => {
    const mail = renderPasscodeEmail({ tenant: woodgrove, code: "042917", minutes: 10, locale, t: await mailTranslator(locale) });
    expect(mail.html).not.toMatch(/<img|<link|<script|src=|href=|url\(/i);
    expect(mail.html).not.toMatch(/https?:\/\//);
  });

  it("escapes every interpolated value", async () => {
    const evil = { displayName: `<script>alert("x")</script> & 'Co'`, branding: { primaryColor: "#ffcc00" } };
    const mail = renderPasscodeEmail({ tenant: evil, code: "<b>1</b>", minutes: 1, locale, t: await mailTranslator(locale) });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>1</b>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;");
    expect(mail.html).toContain("&lt;b&gt;1&lt;/b&gt;");
    // The plain-text part is text: it shows the name as written.
    expect(mail.text).toContain(`<script>alert("x")</script> & 'Co'`);
    // A light primary colour gets dark text on it (WCAG contrast), through the tenant module.
    expect(mail.html).toContain("background-color:#ffcc00;color:#000000;");
  });
});

describe("passcode e-mail", () => {
  it("uses the singular for one minute", async () => {
    const mail = renderPasscodeEmail({
      tenant: woodgrove,
      code: "042917",
      minutes: 1,
      locale: "en",
      t: await mailTranslator("en"),
    });
    expect(mail.text).toContain("valid for 1 minute and");
  });
  it("refuses a colour that is not #rrggbb rather than write it into a style", async () => {
    const t = await mailTranslator("en");
    const tenant = { displayName: "X", branding: { primaryColor: "red;background:url(https://evil.example/p.gif)" } };
    expect(() => renderPasscodeEmail({ tenant, code: "042917", minutes: 10, locale: "en", t })).toThrow(TypeError);
  });
});
