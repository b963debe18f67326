import { describe, expect, it } from "vitest";
import type { AuditEventInput, ProvenIdentity } from "../directory";
import { createAdminSignInService, type AdminSignInStore } from "./sign-in";

interface User {
  id: string;
  userType: "Guest" | "Member";
  email: string;
  active: boolean;
  roles: string[];
}

function setUp(users: User[], identities: { issuer: string; subject: string; guestId: string }[] = []) {
  const audit: AuditEventInput[] = [];
  const store: AdminSignInStore = {
    findIdentity: async (_t, issuer, subject) => identities.find((i) => i.issuer === issuer && i.subject === subject),
    findMemberByEmail: async (_t, email) => users.find((u) => u.userType === "Member" && u.email === email),
    linkIdentity: async ({ guestId, identity }, event) => {
      identities.push({ issuer: identity.issuer, subject: identity.subject, guestId });
      audit.push(event);
    },
    audit: async (event) => void audit.push(event),
  };
  const service = createAdminSignInService({
    store,
    now: () => new Date(0),
    members: {
      describe: async (_t, id) => {
        const user = users.find((u) => u.id === id);
        return user && { email: user.email, active: user.active, member: user.userType === "Member" };
      },
      rolesOf: async (_t, id) => (users.find((u) => u.id === id)?.roles ?? []) as never,
    },
  });
  return { service, audit, identities };
}

const passcode = (email: string): ProvenIdentity => ({
  providerId: "email",
  issuer: "urn:guestgate:email-otp",
  subject: email,
  email,
  emailVerified: true,
});

describe("who an identity proven in the admin flow signs in as", () => {
  it("links a first passcode to the Member with the address, never to a Guest with the same one", async () => {
    const { service, audit, identities } = setUp([
      { id: "guest", userType: "Guest", email: "ada@x.example", active: true, roles: [] },
      { id: "member", userType: "Member", email: "ada@x.example", active: true, roles: ["globalAdministrator"] },
    ]);
    expect(await service.resolve("t", passcode("ada@x.example"))).toEqual({ ok: true, memberId: "member" });
    expect(identities).toEqual([{ issuer: "urn:guestgate:email-otp", subject: "ada@x.example", guestId: "member" }]);
    expect(audit.map((e) => e.type)).toEqual(["identity.linked"]);
  });

  it.each([
    ["a Guest only", [{ id: "g", userType: "Guest", email: "a@x.example", active: true, roles: [] }]],
    ["a Member without a role", [{ id: "m", userType: "Member", email: "a@x.example", active: true, roles: [] }]],
    ["a blocked Member", [{ id: "m", userType: "Member", email: "a@x.example", active: false, roles: ["guestInviter"] }]],
    ["nobody", []],
  ] as [string, User[]][])("refuses %s, audited, linking nothing", async (_label, users) => {
    const { service, audit, identities } = setUp(users);
    expect(await service.resolve("t", passcode("a@x.example"))).toEqual({ ok: false, reason: "notAdministrator" });
    expect(identities).toEqual([]);
    expect(audit.map((e) => e.type)).toEqual(["admin.signInRefused"]);
  });

  it("refuses a linked identity whose user is a Guest, and an unverified address", async () => {
    const linked = setUp(
      [{ id: "g", userType: "Guest", email: "a@x.example", active: true, roles: [] }],
      [{ issuer: "urn:guestgate:email-otp", subject: "a@x.example", guestId: "g" }],
    );
    expect((await linked.service.resolve("t", passcode("a@x.example"))).ok).toBe(false);
    const unverified = setUp([
      { id: "m", userType: "Member", email: "a@x.example", active: true, roles: ["globalAdministrator"] },
    ]);
    expect(
      (await unverified.service.resolve("t", { ...passcode("a@x.example"), issuer: "https://idp", emailVerified: false })).ok,
    ).toBe(false);
  });
});
