// The server's memory of taken federation results (finding 11 of issue 14), on every database the
// app runs on: a result is taken once, also when two instances take it at the same moment, and its
// marker expires with the result (the rate-limit job purges it then).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTakenResultStore } from "../../../app/_lib/db";
import type { TakenResults } from "../../../app/_lib/federation";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

describe.each(testDatabaseProviders())("taken federation results on %s", (provider) => {
  let database: TestDatabase;
  let instances: TakenResults[];
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    // Two app instances: two stores over one database, as two servers behind a load balancer.
    instances = [createTakenResultStore(database.prisma), createTakenResultStore(database.prisma)];
  }, 180_000);
  afterAll(() => database?.drop());

  const lifetime = () => {
    const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    return [issuedAt, new Date(issuedAt.getTime() + 5 * 60_000)] as const;
  };

  it("takes a result once, whichever instance sees the copy", async () => {
    const [issuedAt, expiresAt] = lifetime();
    expect(await instances[0]!.takeOnce("federation-result:t:one", issuedAt, expiresAt)).toBe(true);
    expect(await instances[1]!.takeOnce("federation-result:t:one", issuedAt, expiresAt)).toBe(false);
    expect(await instances[0]!.takeOnce("federation-result:t:one", issuedAt, expiresAt)).toBe(false);
    expect(await instances[0]!.takeOnce("federation-result:t:other", issuedAt, expiresAt)).toBe(true);
  });

  it("lets exactly one of several simultaneous takes through", async () => {
    const [issuedAt, expiresAt] = lifetime();
    const takes = await Promise.all(
      Array.from({ length: 8 }, (_, index) => instances[index % 2]!.takeOnce("federation-result:t:race", issuedAt, expiresAt)),
    );
    expect(takes.filter(Boolean)).toHaveLength(1);
  });

  it("keeps the marker until the result expires, for the rate-limit job to purge", async () => {
    const [issuedAt, expiresAt] = lifetime();
    await instances[0]!.takeOnce("federation-result:t:kept", issuedAt, expiresAt);
    const row = await database.prisma.rateLimitCounter.findFirstOrThrow({ where: { key: "federation-result:t:kept" } });
    expect(row.expiresAt.getTime()).toBe(expiresAt.getTime());
  });
});
