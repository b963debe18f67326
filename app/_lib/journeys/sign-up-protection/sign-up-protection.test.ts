import { describe, expect, it } from "vitest";
import { parseTenantsConfig } from "../../tenant";
import { parseUserFlowsFile } from "../user-flows/parse-file";
import { demoFile, demoFlow, tenant as demoTenant } from "../user-flows/test-fixtures";
import { createInMemoryRateLimitStore } from "../otp";
import { signUpAddressRefusal } from "./address-rules";
import { isDisposableDomain } from "./disposable";
import { createSignUpLimiter } from "./limits";
import { proofOfWorkAsked, reachedProofOfWorkThreshold } from "./proof-of-work-policy";

const tenantConfig = (signUpProtection: unknown) =>
  JSON.stringify({
    tenants: [
      {
        id: "7b0c5a0e-3d2f-4e61-9a7c-2f4d1e8b6a10",
        slug: "woodgrove",
        displayName: "Woodgrove",
        branding: {
          logo: "/x.svg",
          favicon: "/x.svg",
          primaryColor: "#1d6b3a",
          accentColor: "#c8e6b0",
          backgroundColor: "#ffffff",
        },
        locales: { enabled: ["en"], default: "en" },
        ...(signUpProtection === undefined ? {} : { signUpProtection }),
      },
    ],
  });
const tenantWith = (signUpProtection?: unknown) => parseTenantsConfig(tenantConfig(signUpProtection), "test").tenants[0]!;

describe("the tenants file's signUpProtection", () => {
  it("refuses disposable addresses and limits sign-ups by default", () => {
    const { signUpProtection } = tenantWith();
    expect(signUpProtection.refuseDisposableAddresses).toBe(true);
    expect(signUpProtection.limits.signUps.perClient).toEqual({ limit: 10, windowMinutes: 60 });
    expect(signUpProtection.limits.journeysStarted.perTenant.limit).toBeGreaterThan(1000);
    expect(signUpProtection.proofOfWork.mode).toBe("off");
  });

  it('asks "aboveRate" for a threshold', () => {
    expect(() => tenantWith({ proofOfWork: { mode: "aboveRate" } })).toThrow(/needs a threshold/);
    const offCounter = { perClient: { limit: 0, windowMinutes: 15 }, perTenant: { limit: 10, windowMinutes: 15 } };
    expect(() =>
      tenantWith({
        limits: { journeysStarted: offCounter },
        proofOfWork: { mode: "aboveRate", aboveRate: { journeysStarted: { perClient: 5 } } },
      }),
    ).toThrow(/aboveRate\.journeysStarted\.perClient/);
    const { proofOfWork } = tenantWith({
      proofOfWork: { mode: "aboveRate", aboveRate: { passcodesSent: { perTenant: 500 } } },
    }).signUpProtection;
    expect(proofOfWork).toMatchObject({ mode: "aboveRate", cost: 1_000, maxTries: 2_000, expiresMinutes: 10 });
  });

  it("takes one list or the other, in lower case, and names the problem", () => {
    expect(() => tenantWith({ allowedDomains: ["a.example"], blockedDomains: ["b.example"] })).toThrow(/one list or the other/);
    expect(() => tenantWith({ blockedDomains: ["Rival.Example"] })).toThrow(/signUpProtection\.blockedDomains\[0\]/);
  });
});

describe("a user flow's signUpDomains", () => {
  it("comes through the user-flows file (the demo's Woodgrove flow refuses a rival grocer)", () => {
    expect(demoFlow("woodgrove").signUpDomains).toEqual({ blocked: ["rival-grocer.example"] });
  });

  it("takes one list or the other", () => {
    const file = demoFile("woodgrove");
    file.userFlows[0].signUpDomains = { allowed: ["a.example"], blocked: ["b.example"] };
    const parsed = parseUserFlowsFile(JSON.stringify(file), demoTenant("woodgrove"));
    expect(parsed.ok).toBe(false);
  });
});

describe("signUpAddressRefusal", () => {
  const open = { refuseDisposableAddresses: true };
  it("matches domains exactly, the tenant's and the flow's lists both applying", () => {
    expect(signUpAddressRefusal({ ...open, blockedDomains: ["rival.example"] }, {}, "a@rival.example")).toBe("domainBlocked");
    expect(signUpAddressRefusal({ ...open, blockedDomains: ["rival.example"] }, {}, "a@mail.rival.example")).toBeUndefined();
    const allowed = { ...open, allowedDomains: ["partner.example", "supplier.example"] };
    expect(signUpAddressRefusal(allowed, {}, "a@other.example")).toBe("domainNotAllowed");
    expect(signUpAddressRefusal(allowed, { signUpDomains: { allowed: ["partner.example"] } }, "a@supplier.example")).toBe(
      "domainNotAllowed",
    );
    expect(signUpAddressRefusal(open, { signUpDomains: { blocked: ["x.example"] } }, "a@x.example")).toBe("domainBlocked");
  });

  it("refuses disposable mailboxes unless the tenant turned the list off", () => {
    expect(signUpAddressRefusal(open, {}, "a@mailinator.com")).toBe("disposable");
    expect(signUpAddressRefusal({ refuseDisposableAddresses: false }, {}, "a@mailinator.com")).toBeUndefined();
    expect(signUpAddressRefusal(open, {}, "a@example.com")).toBeUndefined();
  });
});

describe("isDisposableDomain", () => {
  it("knows the list's domains and their sub-domains, not their parents' neighbours", () => {
    expect(isDisposableDomain("yopmail.com")).toBe(true);
    expect(isDisposableDomain("Team.Mailinator.com")).toBe(true);
    expect(isDisposableDomain("example.com")).toBe(false);
    expect(isDisposableDomain("com")).toBe(false);
  });
});

describe("createSignUpLimiter", () => {
  const at = new Date("2026-01-01T10:00:00Z");
  const tenant = tenantWith({
    limits: {
      passcodesSent: { perClient: { limit: 2, windowMinutes: 15 }, perTenant: { limit: 3, windowMinutes: 15 } },
      signUps: { perClient: { limit: 0, windowMinutes: 60 }, perTenant: { limit: 0, windowMinutes: 60 } },
    },
  });

  it("counts the client first, then the tenant; a refused client spends nothing of the tenant's", async () => {
    const limiter = createSignUpLimiter({ store: createInMemoryRateLimitStore(), hashKey: new Uint8Array(32), now: () => at });
    expect(await limiter.take("passcodesSent", tenant, "192.0.2.1")).toEqual({ allowed: true });
    expect(await limiter.take("passcodesSent", tenant, "192.0.2.1")).toEqual({ allowed: true });
    expect(await limiter.take("passcodesSent", tenant, "192.0.2.1")).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(await limiter.take("passcodesSent", tenant, "192.0.2.2")).toEqual({ allowed: true });
    expect(await limiter.take("passcodesSent", tenant, "192.0.2.3")).toMatchObject({ allowed: false });
  });

  it("does not count a limit of 0", async () => {
    const store = createInMemoryRateLimitStore();
    const limiter = createSignUpLimiter({ store, hashKey: new Uint8Array(32), now: () => at });
    for (let i = 0; i < 50; i++) expect(await limiter.take("signUps", tenant, "192.0.2.1")).toEqual({ allowed: true });
    expect(store.size()).toBe(0);
  });
});

describe("the proof-of-work policy", () => {
  const aboveRate = tenantWith({
    proofOfWork: { mode: "aboveRate", aboveRate: { journeysStarted: { perClient: 5, perTenant: 100 } } },
  }).signUpProtection.proofOfWork;

  it("asks always, never, or once the journey was raised", () => {
    expect(proofOfWorkAsked(tenantWith({ proofOfWork: { mode: "always" } }).signUpProtection.proofOfWork, undefined)).toBe(true);
    expect(proofOfWorkAsked(tenantWith().signUpProtection.proofOfWork, true)).toBe(false);
    expect(proofOfWorkAsked(aboveRate, undefined)).toBe(false);
    expect(proofOfWorkAsked(aboveRate, true)).toBe(true);
  });

  it("is raised from the count that reaches a threshold, the client's or the tenant's, on that counter only", () => {
    expect(reachedProofOfWorkThreshold(aboveRate, "journeysStarted", { perClient: 4, perTenant: 99 })).toBe(false);
    expect(reachedProofOfWorkThreshold(aboveRate, "journeysStarted", { perClient: 5, perTenant: 6 })).toBe(true);
    expect(reachedProofOfWorkThreshold(aboveRate, "journeysStarted", { perClient: 1, perTenant: 100 })).toBe(true);
    expect(reachedProofOfWorkThreshold(aboveRate, "journeysStarted", {})).toBe(false);
    expect(reachedProofOfWorkThreshold(aboveRate, "passcodesSent", { perClient: 1000 })).toBe(false);
  });
});
