import { describe, expect, it } from "vitest";
import { authenticate, DEMO_ACCOUNTS, DEMO_IDP_PASSWORD } from "./accounts";
import { loginPage, pickLanguage } from "./login-page";

describe("Contoso ID's accounts", () => {
  it("sign in with the login name and the demo password only", () => {
    const [adele] = DEMO_ACCOUNTS;
    expect(authenticate(" ADELE@contoso.example ", DEMO_IDP_PASSWORD)).toBe(adele);
    expect(authenticate(adele!.login, "wrong")).toBeUndefined();
    expect(authenticate("nobody@contoso.example", DEMO_IDP_PASSWORD)).toBeUndefined();
  });

  it("have distinct, stable subjects (guests are keyed by issuer and subject, never e-mail)", () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.sub)).size).toBe(DEMO_ACCOUNTS.length);
  });
});

describe("Contoso ID's login page", () => {
  it("speaks the browser's first language it has, by weight", () => {
    expect(pickLanguage("nl-NL,nl;q=0.9,en;q=0.5")).toBe("nl");
    expect(pickLanguage("de-DE,sv;q=0.8,en;q=0.7")).toBe("sv");
    expect(pickLanguage("en;q=0.2,fr;q=0.9")).toBe("fr");
    expect(pickLanguage("fr;q=0,de")).toBe("en");
    expect(pickLanguage(undefined)).toBe("en");
  });

  it("escapes what it echoes and ties the error to the field", () => {
    const html = loginPage({
      language: "sv",
      action: "/interaction/x",
      cancel: "/interaction/x/abort",
      login: '"><b>',
      failed: true,
    });
    expect(html).toContain('<html lang="sv">');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('aria-describedby="error"');
    expect(html).toContain('role="alert"');
  });
});
