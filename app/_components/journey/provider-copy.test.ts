import { describe, expect, it } from "vitest";
import type { IdentityProviderConfig } from "../../_lib/tenant";
import { chooseProviderIntroKey, tenantHomeKeys, waysInCopy } from "./provider-copy";

const email = { kind: "email-otp", id: "email" } as IdentityProviderConfig;
const google = { kind: "google", id: "google" } as IdentityProviderConfig;
const entra = { kind: "microsoft-entra", id: "entra" } as IdentityProviderConfig;
const names: Record<string, string> = { google: "Google", entra: "Microsoft" };
const copy = (ways: IdentityProviderConfig[], locale = "en") => waysInCopy(ways, (p) => names[p.id]!, locale);

describe("copy that follows what the flow offers", () => {
  it("a passcode-only flow promises no account one already has and names no provider", () => {
    expect(tenantHomeKeys(copy([email]))).toEqual({ intro: "tenantHome.introEmail", step: "tenantHome.stepAccountEmail" });
    expect(copy([email]).providers).toBe("");
  });
  it("upstream providers are named, joined as the page's language joins a list", () => {
    expect(copy([entra, google, email]).providers).toBe("Microsoft and Google");
    expect(copy([entra, google], "nl").providers).toBe("Microsoft en Google");
    expect(copy([entra, google], "sv").providers).toBe("Microsoft och Google");
    expect(copy([entra, google], "fr").providers).toBe("Microsoft et Google");
    expect(tenantHomeKeys(copy([entra, google]))).toEqual({ intro: "tenantHome.intro", step: "tenantHome.stepAccountFederated" });
    expect(tenantHomeKeys(copy([google, email])).step).toBe("tenantHome.stepAccount");
  });
  it("the choice page mentions the e-mail address only when the passcode is offered", () => {
    expect(chooseProviderIntroKey(copy([google, email]))).toBe("journey.chooseProvider.introWithEmail");
    expect(chooseProviderIntroKey(copy([google, entra]))).toBe("journey.chooseProvider.intro");
  });
});
