import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDirectoryStore,
  createJourneyRepository,
  createOtpRepository,
  createRateLimitStore,
  type PrismaClient,
} from "../../../app/_lib/db";
import {
  createDirectoryService,
  isDirectoryError,
  type DirectoryService,
  type SelfServiceSignUp,
  type StoredAttributes,
} from "../../../app/_lib/directory";
import { takeRateLimit, type JourneyRecord } from "../../../app/_lib/journeys";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const PARALLEL = 20;

/** The directory service over the Prisma store, as server.ts wires it, seen the way a journey uses it. */
const createGuestRepository = (prisma: PrismaClient) =>
  guestsOf(
    createDirectoryService({
      store: createDirectoryStore(prisma),
      clock: { now: () => new Date() },
      cursorKey: new Uint8Array(32),
    }),
  );

function guestsOf(directory: DirectoryService) {
  const self = (guestId: string) => ({ type: "guest", guestId }) as const;
  return {
    findByIdentity: (tenantId: string, issuer: string, subject: string) =>
      directory.findByIdentity(tenantId, { issuer, subject }),
    async find(tenantId: string, guestId: string) {
      try {
        return await directory.get(self(guestId), tenantId, guestId);
      } catch (error) {
        if (isDirectoryError(error) && error.code === "notFound") return null;
        throw error;
      }
    },
    createWithIdentity: (input: SelfServiceSignUp) => directory.signUp(input),
    saveAttributes: (
      tenantId: string,
      guestId: string,
      values: StoredAttributes,
      correlationId: string,
      displayName?: string | null,
      remove?: string[],
    ) => directory.updateAttributes(self(guestId), tenantId, guestId, { values, correlationId, displayName, remove }),
    recordSignIn: (tenantId: string, issuer: string, subject: string, at: Date) =>
      directory.recordSignIn(tenantId, { issuer, subject }, at),
  };
}
const parallel = <T>(work: (i: number) => Promise<T>) => Promise.all(Array.from({ length: PARALLEL }, (_, i) => work(i)));

describe.each(testDatabaseProviders())("journey repositories on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  describe("journeys", () => {
    const journey = (overrides: Partial<JourneyRecord> = {}): JourneyRecord => ({
      id: randomUUID(),
      tenantId: "woodgrove",
      kind: "signup",
      state: "enterEmail",
      version: 0,
      completion: { type: "interaction", interactionId: randomUUID() },
      clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
      flowId: "signup-signin",
      locale: "nl",
      bindingHash: "binding-hash",
      ui: { messages: [], fieldErrors: {}, values: { email: "anna@example.nl" } },
      internal: {},
      expiresAt: new Date(Date.now() + 3600_000),
      createdAt: new Date(Date.now() - 1000),
      ...overrides,
    });

    it("stores and reads a journey back as it was", async () => {
      const record = journey({
        internal: {
          identity: {
            providerId: "email",
            issuer: "urn:email",
            subject: "anna@example.nl",
            email: "anna@example.nl",
            emailVerified: true,
          },
          amr: ["otp"],
        },
      });
      await createJourneyRepository(db.prisma).create(record);
      expect(await createJourneyRepository(db.prisma).find(record.id)).toEqual(record);
      expect(await createJourneyRepository(db.prisma).find("no-such-journey")).toBeNull();
    });

    it("stores a redirect completion and refuses a row that names neither target (or both)", async () => {
      const journeys = createJourneyRepository(db.prisma);
      const profile = journey({
        kind: "profile",
        state: "editAttributes",
        completion: { type: "redirect", url: "/woodgrove/account" },
      });
      await journeys.create(profile);
      expect(await journeys.find(profile.id)).toEqual(profile);
      const row = await db.prisma.journey.findUniqueOrThrow({ where: { id: profile.id } });
      expect(row).toMatchObject({ kind: "profile", interactionId: null, redirectUrl: "/woodgrove/account" });

      await db.prisma.journey.update({ where: { id: profile.id }, data: { interactionId: "also-an-interaction" } });
      expect(await journeys.find(profile.id)).toBeNull();
      await db.prisma.journey.update({ where: { id: profile.id }, data: { interactionId: null, redirectUrl: null } });
      expect(await journeys.find(profile.id)).toBeNull();
    });

    it("advances a version once: of 20 parallel advances of the same version exactly one wins", async () => {
      const journeys = createJourneyRepository(db.prisma);
      const record = journey();
      await journeys.create(record);

      const results = await parallel((i) =>
        journeys.advance(record.id, 0, {
          state: "enterCode",
          ui: { messages: [], fieldErrors: {}, values: {}, email: `winner-${i}@example.nl` },
          internal: { guestId: `guest-${i}` },
        }),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      const stored = await journeys.find(record.id);
      expect(stored).toMatchObject({ version: 1, state: "enterCode", internal: { guestId: `guest-${winner}` } });
      expect(stored!.ui.email).toBe(`winner-${winner}@example.nl`);
      // a stale version never moves it again
      expect(await journeys.advance(record.id, 0, { state: "completed", ui: record.ui, internal: {} })).toBe(false);
      expect(await journeys.advance(record.id, 1, { state: "completed", ui: record.ui, internal: {} })).toBe(true);
      expect((await journeys.find(record.id))!.version).toBe(2);
      expect(await journeys.advance("no-such-journey", 0, { state: "completed", ui: record.ui, internal: {} })).toBe(false);
    });
  });

  describe("guests", () => {
    const newGuest = (subject: string, attributes: SelfServiceSignUp["attributes"] = {}): SelfServiceSignUp => ({
      tenantId: "woodgrove",
      identity: {
        providerId: "email",
        issuer: "urn:guestgate:email-otp",
        subject,
        email: `${subject}@example.nl`,
        emailVerified: true,
      },
      attributes,
      displayName: "Anna de Vries",
      userFlowName: "signup-signin",
      clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
      correlationId: `journey-${subject}`,
    });

    it("creates guest, identity, attribute values and one audit event", async () => {
      const guests = createGuestRepository(db.prisma);
      const input = newGuest("anna", {
        givenName: "Anna",
        surname: "de Vries",
        country: "NL",
        interests: ["a", "b"],
        age: 42,
        terms: true,
      });
      const { guest, created } = await guests.createWithIdentity(input);

      expect(created).toBe(true);
      expect(guest).toEqual({
        id: guest.id,
        tenantId: "woodgrove",
        state: "active",
        userType: "Guest",
        email: "anna@example.nl",
        emailVerified: true,
        displayName: "Anna de Vries",
        attributes: { givenName: "Anna", surname: "de Vries", country: "NL", interests: ["a", "b"], age: 42, terms: true },
        signedUpVia: { userFlowName: "signup-signin", clientId: "540a2eb4-526c-545d-b702-1caab8d4a622" },
        // A flow without terms acceptance records none.
        termsAccepted: null,
      });
      const row = await db.prisma.guest.findUniqueOrThrow({ where: { id: guest.id }, include: { identities: true } });
      expect(row).toMatchObject({
        createdVia: "selfServiceSignUp",
        userFlowName: "signup-signin",
        clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
        identityProvider: "email",
      });
      expect(row.identities).toMatchObject([
        { provider: "email", subject: "anna", email: "anna@example.nl", emailVerified: true },
      ]);
      const events = await db.prisma.auditEvent.findMany({ where: { targetId: guest.id } });
      expect(events).toMatchObject([{ type: "guest.created", correlationId: "journey-anna", tenantId: "woodgrove" }]);
      expect(events[0]!.data).not.toContain("de Vries");

      expect(await guests.findByIdentity("woodgrove", "urn:guestgate:email-otp", "anna")).toEqual(guest);
      expect(await guests.find("woodgrove", guest.id)).toEqual(guest);
      // tenants are apart
      expect(await guests.findByIdentity("sparbanken", "urn:guestgate:email-otp", "anna")).toBeNull();
      expect(await guests.find("sparbanken", guest.id)).toBeNull();
    });

    it("creates a guest once when 20 requests race for one identity", async () => {
      const guests = createGuestRepository(db.prisma);
      const input = newGuest("race", { givenName: "Rita", country: "NL" });

      const results = await parallel(() => guests.createWithIdentity(input));

      expect(results.filter((r) => r.created)).toHaveLength(1);
      const ids = new Set(results.map((r) => r.guest.id));
      expect(ids.size).toBe(1);
      const [guestId] = ids;
      expect(results.every((r) => r.guest.attributes.givenName === "Rita")).toBe(true);
      expect(await db.prisma.identity.count({ where: { subject: "race" } })).toBe(1);
      expect(await db.prisma.guest.count({ where: { email: "race@example.nl" } })).toBe(1);
      expect(await db.prisma.attributeValue.count({ where: { guestId } })).toBe(2);
      expect(await db.prisma.auditEvent.count({ where: { type: "guest.created", targetId: guestId } })).toBe(1);
      expect(await db.prisma.auditEvent.count({ where: { type: "guest.created", correlationId: "journey-race" } })).toBe(1);
    });

    it("returns the existing guest without writing when the identity is known", async () => {
      const guests = createGuestRepository(db.prisma);
      const first = await guests.createWithIdentity(newGuest("again", { givenName: "Ann" }));
      const events = await db.prisma.auditEvent.count();
      const second = await guests.createWithIdentity({ ...newGuest("again", { givenName: "Other" }), displayName: "Other" });
      expect(second).toEqual({ guest: first.guest, created: false });
      expect(await db.prisma.auditEvent.count()).toBe(events);
    });

    it("saves attributes by upsert, with an audit event, and only in the guest's tenant", async () => {
      const guests = createGuestRepository(db.prisma);
      const { guest } = await guests.createWithIdentity(newGuest("profile", { givenName: "Piet", country: "NL" }));

      const saved = await guests.saveAttributes("woodgrove", guest.id, { country: "BE", city: "Gent" }, "journey-2");
      expect(saved.attributes).toEqual({ givenName: "Piet", country: "BE", city: "Gent" });
      expect(await guests.find("woodgrove", guest.id)).toEqual(saved);
      expect(await db.prisma.attributeValue.count({ where: { guestId: guest.id } })).toBe(3);
      const events = await db.prisma.auditEvent.findMany({ where: { targetId: guest.id, type: "guest.attributesUpdated" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ correlationId: "journey-2" });
      expect(JSON.parse(events[0]!.data)).toEqual({ attributes: ["city", "country"] });

      await expect(guests.saveAttributes("sparbanken", guest.id, { country: "SE" }, "journey-3")).rejects.toThrow(
        /no such guest/,
      );
      expect((await guests.find("woodgrove", guest.id))!.attributes.country).toBe("BE");

      // a typed name change carries the guest's display name with it, in the same write
      const renamed = await guests.saveAttributes(
        "woodgrove",
        guest.id,
        { displayName: "Piet Jansen" },
        "journey-4",
        "Piet Jansen",
      );
      expect(renamed).toMatchObject({ displayName: "Piet Jansen", attributes: { displayName: "Piet Jansen" } });
      expect((await guests.find("woodgrove", guest.id))!.displayName).toBe("Piet Jansen");

      // a value the guest cleared is deleted, and the audit event names it (never its value)
      const cleared = await guests.saveAttributes("woodgrove", guest.id, {}, "journey-5", undefined, ["city"]);
      expect(cleared.attributes).not.toHaveProperty("city");
      expect(await db.prisma.attributeValue.count({ where: { guestId: guest.id, name: "city" } })).toBe(0);
      const last = await db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: guest.id, correlationId: "journey-5" } });
      expect(JSON.parse(last.data)).toEqual({ attributes: [], removed: ["city"] });
    });

    it("saves attributes in parallel (the losers of a creation race all save theirs)", async () => {
      const guests = createGuestRepository(db.prisma);
      const { guest } = await guests.createWithIdentity(newGuest("parallel-save"));

      const results = await parallel((i) =>
        guests.saveAttributes("woodgrove", guest.id, { city: `City ${i}`, [`custom${i}`]: i }, `j-${i}`),
      );

      expect(results).toHaveLength(PARALLEL);
      const stored = await guests.find("woodgrove", guest.id);
      expect(Object.keys(stored!.attributes)).toHaveLength(PARALLEL + 1);
      expect(stored!.attributes.city).toMatch(/^City \d+$/);
      expect(await db.prisma.auditEvent.count({ where: { targetId: guest.id, type: "guest.attributesUpdated" } })).toBe(PARALLEL);
    });

    it("records the last sign-in on the identity", async () => {
      const guests = createGuestRepository(db.prisma);
      await guests.createWithIdentity(newGuest("signin"));
      const at = new Date("2026-11-21T08:00:00.000Z");
      await guests.recordSignIn("woodgrove", "urn:guestgate:email-otp", "signin", at);
      expect((await db.prisma.identity.findFirstOrThrow({ where: { subject: "signin" } })).lastSignInAt).toEqual(at);
    });
  });

  describe("passcodes", () => {
    const now = new Date();
    const issue = (journeyId: string = randomUUID(), expiresAt = new Date(now.getTime() + 600_000)) =>
      createOtpRepository(db.prisma).issue({
        id: randomUUID(),
        journeyId,
        codeHash: `hash-${randomUUID()}`,
        createdAt: now,
        expiresAt,
      });

    it("keeps one code per journey: issuing replaces the previous one", async () => {
      const otps = createOtpRepository(db.prisma);
      const first = await issue("journey-replace");
      expect(first).toMatchObject({ journeyId: "journey-replace", attempts: 0, consumedAt: null });
      const second = await issue("journey-replace");
      expect(await otps.findByJourney("journey-replace")).toEqual(second);
      expect(await db.prisma.emailPasscode.count({ where: { journeyId: "journey-replace" } })).toBe(1);
      expect(await otps.spendAttempt(first.id, { now, maxAttempts: 5 })).toBeUndefined();
      expect(await otps.findByJourney("no-such-journey")).toBeUndefined();
    });

    it("never spends more than the maximum under 20 parallel attempts", async () => {
      const otps = createOtpRepository(db.prisma);
      const otp = await issue();

      const spent = await parallel(() => otps.spendAttempt(otp.id, { now, maxAttempts: 5 }));

      expect(spent.filter((n) => n !== undefined).sort()).toEqual([1, 2, 3, 4, 5]);
      expect((await otps.findByJourney(otp.journeyId))!.attempts).toBe(5);
    });

    it("consumes a code for exactly one of 20 parallel callers", async () => {
      const otps = createOtpRepository(db.prisma);
      const otp = await issue();
      expect(await otps.spendAttempt(otp.id, { now, maxAttempts: 5 })).toBe(1);

      const consumed = await parallel(() => otps.consume(otp.id, { now, maxAttempts: 5 }));

      expect(consumed.filter(Boolean)).toHaveLength(1);
      expect((await otps.findByJourney(otp.journeyId))!.consumedAt).toEqual(now);
      expect(await otps.spendAttempt(otp.id, { now, maxAttempts: 5 })).toBeUndefined();
    });

    it("refuses expired codes and codes past their attempts", async () => {
      const otps = createOtpRepository(db.prisma);
      const expired = await issue(undefined, new Date(now.getTime() - 1));
      expect(await otps.spendAttempt(expired.id, { now, maxAttempts: 5 })).toBeUndefined();
      expect(await otps.consume(expired.id, { now, maxAttempts: 5 })).toBe(false);

      const used = await issue();
      expect(await otps.spendAttempt(used.id, { now, maxAttempts: 1 })).toBe(1);
      expect(await otps.spendAttempt(used.id, { now, maxAttempts: 1 })).toBeUndefined();
      // the caller's own attempt is spent already: attempts <= max still consumes
      expect(await otps.consume(used.id, { now, maxAttempts: 1 })).toBe(true);
    });
  });

  describe("rate limits", () => {
    it("counts 20 parallel hits of one window exactly", async () => {
      const store = createRateLimitStore(db.prisma);
      const windowStart = new Date("2026-11-21T08:00:00.000Z");
      const expiresAt = new Date("2026-11-21T09:00:00.000Z");

      const counts = await parallel(() => store.increment("mail:anna@example.nl", windowStart, expiresAt));

      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: PARALLEL }, (_, i) => i + 1));
      const row = await db.prisma.rateLimitCounter.findUniqueOrThrow({
        where: { key_windowStart: { key: "mail:anna@example.nl", windowStart } },
      });
      expect(row.count).toBe(PARALLEL);
      // another key, another window: counted apart
      expect(await store.increment("mail:bob@example.nl", windowStart, expiresAt)).toBe(1);
    });

    it("starts a new window at 1 and drops counters whose window has ended", async () => {
      const store = createRateLimitStore(db.prisma);
      const old = new Date("2020-01-01T00:00:00.000Z");
      await store.increment("stale", old, new Date("2020-01-01T00:01:00.000Z"));
      const rule = { limit: 2, windowSeconds: 60 };
      const at = new Date("2026-11-21T10:00:30.000Z");
      expect(await takeRateLimit(store, "ip:192.0.2.1", rule, at)).toEqual({ allowed: true });
      expect(await takeRateLimit(store, "ip:192.0.2.1", rule, at)).toEqual({ allowed: true });
      expect(await takeRateLimit(store, "ip:192.0.2.1", rule, at)).toEqual({ allowed: false, retryAfterSeconds: 30 });
      expect(await db.prisma.rateLimitCounter.count({ where: { key: "stale" } })).toBe(0);
    });
  });
});
