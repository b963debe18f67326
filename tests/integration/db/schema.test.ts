import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "../../../app/_lib/db";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

describe.each(testDatabaseProviders())("schema on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const newGuest = (tenantId = "woodgrove") =>
    db.prisma.guest.create({ data: { tenantId, userType: "Guest", createdVia: "selfServiceSignUp" } });
  const link = (guestId: string, issuer: string, subject: string, tenantId = "woodgrove") =>
    db.prisma.identity.create({ data: { tenantId, guestId, issuer, subject, provider: "email" } });

  it("links an upstream account (tenant, issuer, subject) to at most one guest", async () => {
    const [a, b] = [await newGuest(), await newGuest()];
    await link(a.id, "https://idp.example", "sub-1");

    const duplicate = await link(b.id, "https://idp.example", "sub-1").catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);

    // the same subject is a different account at another issuer, or in another tenant
    await expect(link(b.id, "https://other-idp.example", "sub-1")).resolves.toMatchObject({ guestId: b.id });
    const elsewhere = await newGuest("sparbanken");
    await expect(link(elsewhere.id, "https://idp.example", "sub-1", "sparbanken")).resolves.toBeTruthy();
  });

  it("deletes a guest's identities and attribute values with the guest", async () => {
    const guest = await newGuest();
    const other = await newGuest();
    await link(guest.id, "https://idp.example", `sub-${guest.id}`);
    await link(other.id, "https://idp.example", `sub-${other.id}`);
    await db.prisma.attributeValue.createMany({
      data: [
        { guestId: guest.id, name: "city", value: JSON.stringify("Utrecht") },
        { guestId: other.id, name: "city", value: JSON.stringify("Umeå") },
      ],
    });

    await db.prisma.guest.delete({ where: { id: guest.id } });

    expect(await db.prisma.identity.count({ where: { guestId: guest.id } })).toBe(0);
    expect(await db.prisma.attributeValue.count({ where: { guestId: guest.id } })).toBe(0);
    expect(await db.prisma.identity.count({ where: { guestId: other.id } })).toBe(1);
    expect(await db.prisma.attributeValue.count({ where: { guestId: other.id } })).toBe(1);
  });

  it("stores e-mail exactly as given (normalising is the code's job)", async () => {
    const guest = await db.prisma.guest.create({
      data: { tenantId: "woodgrove", userType: "Guest", createdVia: "invitation", email: "Ada.Lovelace@Example.COM" },
    });
    const read = await db.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } });
    expect(read.email).toBe("Ada.Lovelace@Example.COM");
    // and compares it exactly: no case-folding collation hides a missed normalisation
    expect(await db.prisma.guest.count({ where: { tenantId: "woodgrove", email: "ada.lovelace@example.com" } })).toBe(0);
  });

  it("fills the documented defaults", async () => {
    const guest = await newGuest();
    expect(guest).toMatchObject({ state: "active", emailVerified: false, email: null });
    expect(guest.id).toMatch(/^[0-9a-f-]{36}$/);
    const event = await db.prisma.auditEvent.create({ data: { tenantId: "woodgrove", type: "guest.created" } });
    expect(JSON.parse(event.data)).toEqual({});
  });
});
