import { describe, expect, it } from "vitest";
import { mailTranslator } from "./translator";

describe("mail translator", () => {
  it("formats ICU plurals per language", async () => {
    expect((await mailTranslator("nl"))("passcode.validity", { minutes: 1 })).toBe(
      "De code is 1 minuut geldig en kan maar één keer worden gebruikt.",
    );
    expect((await mailTranslator("sv"))("passcode.validity", { minutes: 5 })).toContain("5 minuter");
  });
  it("throws on a missing message instead of mailing a raw key", async () => {
    const t = await mailTranslator("fr");
    // The type forbids this id; the runtime must still refuse one that slips past it (a stale build, a cast).
    expect(() => t("passcode.noSuchMessage" as string as Parameters<typeof t>[0])).toThrow();
  });
  it("leaves values unescaped: escaping is the HTML template's job", async () => {
    expect((await mailTranslator("en"))("passcode.subject", { tenant: "A & <B>" })).toBe("Your verification code for A & <B>");
  });
});
