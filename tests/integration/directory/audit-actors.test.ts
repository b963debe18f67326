// "Every guest-changing verb writes an audit event with its real actor" (issue 7), on the real
// database: a guest through a sign-up journey run by the journey engine, an administrator and an
// application through the directory service, and the system through the CLI in a child process.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDirectoryStore,
  createJourneyRepository,
  createOtpRepository,
  createRateLimitStore,
  createUserFlowStore,
} from "../../../app/_lib/db";
import { createDirectoryService, type Actor, type DirectoryService } from "../../../app/_lib/directory";
import {
  createPasscodeService,
  createUserFlowService,
  defaultJourneyKinds,
  NO_HOOKS,
  startJourney,
  submitJourney,
  type JourneyDeps,
  type PasscodeDelivery,
} from "../../../app/_lib/journeys";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { DEMO_USER_FLOWS_DIR, demoClientId } from "../../../prisma/seed";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");
const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
const woodgrove = tenants.find("woodgrove")!;
const sourceMessages = JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>;
const APP = demoClientId("woodgrove", "public");

describe.each(testDatabaseProviders())("every guest-changing verb is audited with its real actor, on %s", (provider) => {
  let db: TestDatabase;
  let directory: DirectoryService;
  let deps: JourneyDeps;
  const mailbox: PasscodeDelivery[] = [];
  const completed: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    directory = createDirectoryService({
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
    // The engine as server.ts wires it, on the real database; only the OpenID provider's side of
    // finishing the authorization request is replaced by a recorder.
    deps = {
      journeys: createJourneyRepository(db.prisma),
      kinds: defaultJourneyKinds(),
      directory,
      hooks: NO_HOOKS,
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
        async complete(_journey, _interactionId, guestId) {
          completed.push(guestId);
          return { redirectTo: "https://app.example/resume", setCookies: [] };
        },
        abort: async () => ({ redirectTo: "https://app.example/resume" }),
        expiresAt: async () => new Date(Date.now() + 3600_000),
      },
      availableProviders: (tenant) => tenant.identityProviders.map((p) => p.id),
      secureCookies: false,
      now: () => new Date(),
      randomToken: () => randomBytes(24).toString("base64url"),
      sha256: (value) => createHash("sha256").update(value).digest("base64url"),
    };
  });
  afterAll(async () => {
    await db?.drop();
  });

  const eventsOf = async (guestId: string) =>
    (await db.prisma.auditEvent.findMany({ where: { targetId: guestId }, orderBy: { createdAt: "asc" } })).map((e) => ({
      type: e.type,
      actorType: e.actorType,
      actorId: e.actorId,
      correlationId: e.correlationId,
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));

  async function journeyFor(email: string) {
    const started = await startJourney(deps, woodgrove, {
      kind: "signup",
      completion: { type: "interaction", interactionId: `interaction-${randomBytes(4).toString("hex")}` },
      clientId: APP,
      locale: "nl",
    });
    if (!started.ok) throw new Error(started.reason);
    const j = { id: started.journey.id, binding: started.bindingNonce };
    const submit = async (input: Record<string, string>) =>
      submitJourney(deps, {
        tenant: woodgrove,
        journeyId: j.id,
        binding: j.binding,
        client: "203.0.113.7",
        locale: "nl",
        input: { version: String((await deps.journeys.find(j.id))!.version), ...input },
      });
    await submit({ provider: "email" });
    await submit({ email });
    const outcome = await submit({ code: mailbox.at(-1)!.code });
    return { journeyId: j.id, outcome, submit };
  }

  it("guest: a sign-up journey creates the guest with the new guest as actor; signing in again is the guest's too", async () => {
    const first = await journeyFor("ann@example.com");
    const done = await first.submit({
      displayName: "Ann de Vries",
      givenName: "Ann",
      surname: "de Vries",
      country: "nl",
      dietaryPreference: "vegan",
    });
    expect(done.kind).toBe("redirect");
    const guestId = completed.at(-1)!;
    const guest = await db.prisma.guest.findUniqueOrThrow({ where: { id: guestId } });
    expect(guest).toMatchObject({
      email: "ann@example.com",
      createdVia: "selfServiceSignUp",
      userFlowName: "signup-signin",
      clientId: APP,
    });

    const second = await journeyFor("ann@example.com");
    expect(second.outcome.kind).toBe("redirect");
    expect(completed.at(-1)).toBe(guestId);

    const events = await eventsOf(guestId);
    expect(events).toMatchObject([
      { type: "guest.created", actorType: "guest", actorId: guestId, correlationId: first.journeyId },
      // finishing the sign-up is the guest's first sign-in, the second journey their second
      { type: "guest.signedIn", actorType: "guest", actorId: guestId },
      { type: "guest.signedIn", actorType: "guest", actorId: guestId },
    ]);
    expect(events[0]!.data).toMatchObject({
      identityProvider: "email",
      attributes: ["country", "dietaryPreference", "displayName", "givenName", "surname"],
    });
    expect(JSON.stringify(events)).not.toMatch(/Ann|Vries|ann@example|vegan/);
  });

  it("administrator and application: each change carries the actor that made it", async () => {
    const admin: Actor = { type: "administrator", id: "admin@woodgrove.example", role: "userAdministrator" };
    const inviter: Actor = { type: "administrator", id: "inviter@woodgrove.example", role: "guestInviter" };
    const graph: Actor = {
      type: "application",
      clientId: "0f1e2d3c-4b5a-4697-8877-665544332211",
      permissions: ["User.ReadWrite.All"],
    };

    const invited = await directory.createPending(inviter, "woodgrove", {
      email: "pia@example.org",
      displayName: "Pia",
      createdVia: "invitation",
    });
    await directory.linkIdentity(graph, "woodgrove", invited.id, {
      providerId: "email",
      issuer: "urn:guestgate:email-otp",
      subject: "pia@example.org",
      email: "pia@example.org",
      emailVerified: true,
    });
    await directory.updateAttributes(admin, "woodgrove", invited.id, { values: { city: "Gent" } });
    await directory.block(graph, "woodgrove", invited.id);
    await directory.unblock(admin, "woodgrove", invited.id);
    await directory.updateAttributes({ type: "guest", guestId: invited.id }, "woodgrove", invited.id, {
      values: { jobTitle: "Chef" },
    });
    await directory.delete(graph, "woodgrove", invited.id);

    // Compared as a set: events written within one millisecond may share a timestamp.
    const sorted = (rows: string[][]) => rows.map((r) => r.join(" ")).sort();
    expect(sorted((await eventsOf(invited.id)).map((e) => [e.type, e.actorType!, e.actorId!]))).toEqual(
      sorted([
        ["guest.created", "administrator", "inviter@woodgrove.example"],
        ["guest.identityLinked", "application", graph.clientId],
        ["guest.attributesUpdated", "administrator", "admin@woodgrove.example"],
        ["guest.blocked", "application", graph.clientId],
        ["guest.unblocked", "administrator", "admin@woodgrove.example"],
        ["guest.attributesUpdated", "guest", invited.id],
        ["guest.deleted", "application", graph.clientId],
      ]),
    );
  });

  // Several CLI processes in a row: each starts tsx, which is slow on a loaded machine.
  it(
    "system: the CLI blocks, unblocks and deletes as {system, cli}; a refused command writes nothing",
    { timeout: 180_000 },
    async () => {
      const { guest } = await directory.signUp({
        tenantId: "woodgrove",
        identity: {
          providerId: "email",
          issuer: "urn:guestgate:email-otp",
          subject: "olle@example.se",
          email: "olle@example.se",
          emailVerified: true,
        },
        attributes: {},
        displayName: "Olle",
        userFlowName: "signup-signin",
        clientId: APP,
        correlationId: "journey-olle",
      });
      const cli = async (...args: string[]) => {
        try {
          const { stdout } = await promisify(execFile)(process.execPath, [tsx, "app/_cli/main.ts", ...args], {
            env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: "development" },
          });
          return { code: 0, stdout, stderr: "" };
        } catch (error) {
          const e = error as { code: number; stdout: string; stderr: string };
          return { code: e.code, stdout: e.stdout, stderr: e.stderr };
        }
      };
      expect((await cli("guests", "block", "--tenant", "woodgrove", "--id", guest.id)).stdout).toContain("is blocked");
      expect((await cli("guests", "list", "--tenant", "woodgrove", "--state", "blocked")).stdout).toContain(guest.id);
      expect((await cli("guests", "unblock", "--tenant", "woodgrove", "--id", guest.id)).stdout).toContain("is active");
      // another tenant's id is not found there, and nothing is written
      const elsewhere = await cli("guests", "delete", "--tenant", "sparbanken", "--id", guest.id);
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain("no such guest");
      expect((await cli("guests", "delete", "--tenant", "woodgrove", "--id", guest.id)).stdout).toContain("revoked 0 session(s)");

      expect((await eventsOf(guest.id)).map((e) => [e.type, e.actorType, e.actorId])).toEqual([
        ["guest.created", "guest", guest.id],
        ["guest.blocked", "system", "cli"],
        ["guest.unblocked", "system", "cli"],
        ["guest.deleted", "system", "cli"],
      ]);
    },
  );
});
