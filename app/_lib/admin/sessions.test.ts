import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AdministratorRole } from "../directory";
import { createAdminSessionService, type AdminMembers } from "./sessions";
import { createMemoryAdminSessionStore } from "./testing/memory-session-store";

function bed(roles: Record<string, AdministratorRole[]> = { m1: ["guestInviter"] }) {
  let now = new Date("2026-12-01T10:00:00Z");
  let counter = 0;
  const store = createMemoryAdminSessionStore();
  const members: AdminMembers & { active: boolean } = {
    active: true,
    async describe(tenantId, memberId) {
      return tenantId === "woodgrove" && memberId in roles
        ? { email: `${memberId}@example.com`, active: this.active, member: true }
        : undefined;
    },
    async rolesOf(_tenant, memberId) {
      return roles[memberId] ?? [];
    },
  };
  const service = createAdminSessionService({
    store,
    members,
    now: () => now,
    randomToken: () => `token-${++counter}`,
    sha256: (value) => createHash("sha256").update(value).digest("base64url"),
    newId: () => `s${counter}`,
  });
  return { service, store, members, roles, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)) };
}

describe("admin sessions", () => {
  it("stores only the token's hash and resolves the token to the member with its roles", async () => {
    const { service, store } = bed();
    const { token } = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    expect([...store.rows.values()][0]!.tokenHash).not.toContain(token);
    const session = await service.resolve("woodgrove", token);
    expect(session).toMatchObject({
      memberId: "m1",
      roles: ["guestInviter"],
      email: "m1@example.com",
      recentlyAuthenticated: true,
    });
  });

  it("is not valid in another tenant", async () => {
    const { service } = bed();
    const { token } = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    expect(await service.resolve("sparbanken", token)).toBeUndefined();
  });

  it("ends after the idle timeout, and activity keeps it alive until the absolute timeout", async () => {
    const { service, advance } = bed();
    const { token } = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    for (let elapsed = 0; elapsed < 8 * 60 - 20; elapsed += 20) {
      advance(20);
      expect(await service.resolve("woodgrove", token)).toBeDefined();
    }
    advance(25);
    expect(await service.resolve("woodgrove", token)).toBeUndefined();

    const second = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    advance(31);
    expect(await service.resolve("woodgrove", second.token)).toBeUndefined();
  });

  it("ends as soon as the member loses every role or is blocked", async () => {
    const { service, roles, members } = bed();
    const { token } = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    roles.m1 = [];
    expect(await service.resolve("woodgrove", token)).toBeUndefined();
    roles.m1 = ["guestInviter"];
    const again = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    members.active = false;
    expect(await service.resolve("woodgrove", again.token)).toBeUndefined();
  });

  it("refuses to start for someone who holds no role", async () => {
    const { service } = bed({ m1: [] });
    await expect(service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] })).rejects.toThrow(/directory role/);
  });

  it("acts under the strongest held role that grants the capability, and under none when no role does", async () => {
    const { service } = bed({ m1: ["applicationAdministrator", "guestInviter"] });
    const { token } = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    const session = (await service.resolve("woodgrove", token))!;
    expect(session.actorFor("applications.write")).toEqual({ type: "administrator", id: "m1", role: "applicationAdministrator" });
    expect(session.actorFor("guests.invite")).toEqual({ type: "administrator", id: "m1", role: "guestInviter" });
    expect(session.actorFor("settings.write")).toBeUndefined();
  });

  it("asks for a fresh proof after a while, and re-authentication gives it", async () => {
    const { service, advance } = bed();
    const { token } = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    advance(11);
    expect((await service.resolve("woodgrove", token))!.recentlyAuthenticated).toBe(false);
    expect((await service.reauthenticated("woodgrove", token, ["hwk"]))!.recentlyAuthenticated).toBe(true);
    expect((await service.resolve("woodgrove", token))!.amr).toEqual(["hwk"]);
  });

  it("ends on sign-out", async () => {
    const { service } = bed();
    const { token } = await service.start({ tenantId: "woodgrove", memberId: "m1", amr: ["otp"] });
    await service.end("woodgrove", token);
    expect(await service.resolve("woodgrove", token)).toBeUndefined();
  });
});
