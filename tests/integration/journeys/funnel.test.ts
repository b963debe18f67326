// The sign-up funnel (admin overview) as the journey engine counts it, on the real database: each
// journey and step once — a double submit, a second tab or two journeys at the same moment
// neither double nor lose a count — and nothing of who signed up in the rows.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDirectoryStore,
  createFunnelStore,
  createJourneyRepository,
  createOtpRepository,
  createRateLimitStore,
  createUserFlowStore,
} from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import {
  createFunnelRecorder,
  createFunnelReports,
  createPasscodeService,
  createUserFlowService,
  defaultJourneyKinds,
  funnelDay,
  NO_HOOKS,
  startJourney,
  submitJourney,
  type FunnelReports,
  type JourneyDeps,
  type PasscodeDelivery,
} from "../../../app/_lib/journeys";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { DEMO_USER_FLOWS_DIR, demoClientId } from "../../../prisma/seed";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
const woodgrove = tenants.find("woodgrove")!;
const sourceMessages = JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>;
const APP = demoClientId("woodgrove", "public");
const admin = { type: "administrator", id: "admin", role: "globalAdministrator" } as const;
const ATTRIBUTES = {
  displayName: "Ann de Vries",
  givenName: "Ann",
  surname: "de Vries",
  country: "nl",
  dietaryPreference: "vegan",
};

describe.each(testDatabaseProviders())("the sign-up funnel counts each journey and step once, on %s", (provider) => {
  let db: TestDatabase;
  let deps: JourneyDeps;
  let reports: FunnelReports;
  let clock = new Date();
  const mailbox: PasscodeDelivery[] = [];
  const today = () => ({ from: funnelDay(new Date()), to: funnelDay(new Date()) });

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const directory = createDirectoryService({
      store: createDirectoryStore(db.prisma),
      clock: { now: () => new Date() },
      cursorKey: randomBytes(32),
    });
    const userFlows = createUserFlowService({ store: createUserFlowStore(db.prisma), tenants, sourceMessages, warn: () => {} });
    await userFlows.importFile(
      { type: "system", name: "seed" },
      "woodgrove",
      readFileSync(path.join(DEMO_USER_FLOWS_DIR, "woodgrove.json"), "utf8"),
    );
    const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
    const store = createFunnelStore(db.prisma);
    deps = {
      journeys: createJourneyRepository(db.prisma),
      kinds: defaultJourneyKinds(),
      directory,
      hooks: NO_HOOKS,
      funnel: createFunnelRecorder({ store, sha256 }),
      passcodes: createPasscodeService({
        repository: createOtpRepository(db.prisma),
        rateLimits: createRateLimitStore(db.prisma),
        hashKey: randomBytes(32),
      }),
      sendPasscode: async (_tenant, _locale, delivery) => void mailbox.push(delivery),
      async flowFor(tenantId, clientId) {
        const lookup = await userFlows.flowFor(tenantId, clientId);
        return lookup.status === "assigned" ? lookup.flow : undefined;
      },
      signIn: {
        complete: async () => ({ redirectTo: "https://app.example/resume", setCookies: [] }),
        abort: async () => ({ redirectTo: "https://app.example/resume" }),
        expiresAt: async () => new Date(Date.now() + 3600_000),
      },
      availableProviders: (tenant) => tenant.identityProviders.map((p) => p.id),
      secureCookies: false,
      now: () => new Date(),
      randomToken: () => randomBytes(24).toString("base64url"),
      sha256,
    };
    reports = createFunnelReports({ store, now: () => clock });
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function journey(locale: "nl" | "fr" = "nl") {
    const started = await startJourney(deps, woodgrove, {
      kind: "signup",
      completion: { type: "interaction", interactionId: `interaction-${randomBytes(4).toString("hex")}` },
      clientId: APP,
      locale,
    });
    if (!started.ok) throw new Error(started.reason);
    const { id } = started.journey;
    const version = async () => String((await deps.journeys.find(id))!.version);
    const submitAt = (v: string, input: Record<string, string>) =>
      submitJourney(deps, {
        tenant: woodgrove,
        journeyId: id,
        binding: started.bindingNonce,
        client: "203.0.113.7",
        locale,
        input: { version: v, ...input },
      });
    const submit = async (input: Record<string, string>) => submitAt(await version(), input);
    const proveEmail = async (email: string) => {
      await submit({ provider: "email" });
      await submit({ email });
      return submit({ code: mailbox.filter((m) => m.to === email).at(-1)!.code });
    };
    return { id, version, submit, submitAt, proveEmail };
  }

  it("a sign-up submitted twice at once (double click) counts once at every step", async () => {
    const before = (await reports.report(admin, "woodgrove", today())).total;
    const j = await journey();
    await j.proveEmail("double@example.com");
    const v = await j.version();
    const [a, b] = await Promise.all([j.submitAt(v, ATTRIBUTES), j.submitAt(v, ATTRIBUTES)]);
    expect([a.kind, b.kind].sort()).toEqual(["redirect", "show"]);
    // And the stale form again, afterwards (the back button).
    await j.submitAt(v, ATTRIBUTES);
    const after = (await reports.report(admin, "woodgrove", today())).total;
    expect({
      started: after.started - before.started,
      identityProven: after.identityProven - before.identityProven,
      attributesSubmitted: after.attributesSubmitted - before.attributesSubmitted,
      guestCreated: after.guestCreated - before.guestCreated,
    }).toEqual({ started: 1, identityProven: 1, attributesSubmitted: 1, guestCreated: 1 });
  });

  it("two journeys at the same moment are both counted; one left after the passcode is open, then abandoned", async () => {
    const before = await reports.report(admin, "woodgrove", today());
    const [one, two] = await Promise.all([journey("fr"), journey("fr")]);
    await Promise.all([one.proveEmail("one@example.com"), two.proveEmail("two@example.com")]);
    await one.submit(ATTRIBUTES);
    clock = new Date();
    const now = await reports.report(admin, "woodgrove", today());
    const fr = (r: typeof now) =>
      r.byLocale.find((s) => s.key === "fr")?.counts ?? {
        started: 0,
        identityProven: 0,
        attributesSubmitted: 0,
        guestCreated: 0,
      };
    expect(fr(now).started - fr(before).started).toBe(2);
    expect(fr(now).identityProven - fr(before).identityProven).toBe(2);
    expect(fr(now).guestCreated - fr(before).guestCreated).toBe(1);
    const afterProof = (r: typeof now) => r.dropOuts.find((d) => d.after === "identityProven")!.reasons;
    expect(afterProof(now).inProgress - afterProof(before).inProgress).toBe(1);
    // An hour later the journey (30 minutes) is over: abandoned after the passcode.
    clock = new Date(Date.now() + 60 * 60 * 1000);
    const later = await reports.report(admin, "woodgrove", today());
    expect(afterProof(later).abandoned - afterProof(before).abandoned).toBe(1);
    expect(afterProof(later).inProgress).toBe(0);
    clock = new Date();
  });

  it("a returning guest signs in: proven, not created, dropped out as signed in", async () => {
    const first = await journey();
    await first.proveEmail("back@example.com");
    await first.submit(ATTRIBUTES);
    const before = await reports.report(admin, "woodgrove", today());
    const again = await journey();
    await again.proveEmail("back@example.com");
    const after = await reports.report(admin, "woodgrove", today());
    expect(after.total.identityProven - before.total.identityProven).toBe(1);
    expect(after.total.guestCreated).toBe(before.total.guestCreated);
    const signedIn = (r: typeof after) => r.dropOuts.find((d) => d.after === "identityProven")!.reasons.signedIn;
    expect(signedIn(after) - signedIn(before)).toBe(1);
    expect(after.byProvider.find((s) => s.key === "email")!.counts.identityProven).toBeGreaterThan(0);
  });

  it("holds no personal data and no journey id, is the tenant's own, and refuses guests", async () => {
    const j = await journey();
    await j.proveEmail("private@example.com");
    const rows = await db.prisma.signUpFunnelJourney.findMany();
    expect(JSON.stringify(rows)).not.toMatch(/@example\.com|Ann|Vries/);
    expect(rows.map((r) => r.journeyKey)).not.toContain(j.id);
    const other = await reports.report(admin, "sparbanken", today());
    expect(other.total.started).toBe(0);
    await expect(reports.report({ type: "guest", guestId: "g" }, "woodgrove", today())).rejects.toThrow(/may not/);
    await expect(reports.report(admin, "woodgrove", { from: "2026-02-30", to: "2026-03-01" })).rejects.toThrow();
  });
});
