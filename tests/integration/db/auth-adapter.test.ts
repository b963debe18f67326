import { PrismaAdapter } from "@auth/prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

// The auth_* tables must fit what @auth/prisma-adapter reads and writes, on both databases.
describe.each(testDatabaseProviders())("@auth/prisma-adapter on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("round-trips a user, account, session and verification token", async () => {
    const adapter = PrismaAdapter(db.prisma);
    const user = await adapter.createUser!({ id: "ignored", email: "ada@example.com", emailVerified: null, name: "Ada" });
    await adapter.linkAccount!({
      userId: user.id,
      type: "oidc",
      provider: "idp",
      providerAccountId: "sub-1",
      expires_at: 1700000000,
    });
    expect(await adapter.getUserByAccount!({ provider: "idp", providerAccountId: "sub-1" })).toMatchObject({ id: user.id });

    const expires = new Date(Date.now() + 60_000);
    await adapter.createSession!({ sessionToken: "tok", userId: user.id, expires });
    const found = await adapter.getSessionAndUser!("tok");
    expect(found?.session.expires.getTime()).toBe(expires.getTime());

    await adapter.createVerificationToken!({ identifier: "ada@example.com", token: "otp", expires });
    expect(await adapter.useVerificationToken!({ identifier: "ada@example.com", token: "otp" })).toMatchObject({ token: "otp" });

    await adapter.deleteUser!(user.id);
    expect(await db.prisma.account.count()).toBe(0);
    expect(await db.prisma.session.count()).toBe(0);
  });
});
