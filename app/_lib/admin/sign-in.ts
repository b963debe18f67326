import type { Actor, AuditEventInput, ProvenIdentity } from "../directory";
import type { AdminMembers } from "./sessions";

/** The directory as the portal's sign-in needs it: plain reads and writes, decided here. */
export interface AdminSignInStore {
  /** The user an identity (issuer, subject) is linked to in the tenant. */
  findIdentity(tenantId: string, issuer: string, subject: string): Promise<{ guestId: string } | undefined>;
  /** The Member (never a Guest) with this normalised address. */
  findMemberByEmail(tenantId: string, email: string): Promise<{ id: string } | undefined>;
  /** Links the identity to the member and writes the audit event, in one transaction. */
  linkIdentity(
    link: { tenantId: string; guestId: string; identity: ProvenIdentity; now: Date },
    audit: AuditEventInput,
  ): Promise<void>;
  audit(event: AuditEventInput): Promise<void>;
}

export type AdminSignInRefusal = "notAdministrator";

export interface AdminSignInService {
  /**
   * Who an identity proven in the admin flow signs in as: the active Member holding a directory
   * role it is linked to, or — the first time — the Member whose address it proved (seeded Members
   * have no identity yet). Never a Guest, never anyone new: the portal's flow signs in only.
   */
  resolve(
    tenantId: string,
    identity: ProvenIdentity,
  ): Promise<{ ok: true; memberId: string } | { ok: false; reason: AdminSignInRefusal }>;
  /** Audits what the callback concluded: a session started, or why none did. */
  record(event: { tenantId: string; type: AdminSignInEvent; memberId?: string; data?: AuditEventInput["data"] }): Promise<void>;
}

export type AdminSignInEvent = "admin.signedIn" | "admin.reauthenticated" | "admin.signInFailed" | "admin.signInRefused";

/** Sign-ins nobody can be named for yet (a refused stranger, a broken callback) are the portal's own. */
const PORTAL: Actor = { type: "system", name: "admin-portal" };

export function createAdminSignInService(deps: {
  store: AdminSignInStore;
  members: AdminMembers;
  now: () => Date;
}): AdminSignInService {
  async function isAdministrator(tenantId: string, guestId: string): Promise<boolean> {
    const member = await deps.members.describe(tenantId, guestId);
    if (!member?.active || !member.member) return false;
    return (await deps.members.rolesOf(tenantId, guestId)).length > 0;
  }

  async function refuse(tenantId: string, identity: ProvenIdentity, guestId?: string) {
    await deps.store.audit({
      tenantId,
      type: "admin.signInRefused",
      actor: guestId ? { type: "guest", guestId } : PORTAL,
      ...(guestId ? { target: { type: "guest", id: guestId } } : {}),
      data: { provider: identity.providerId, reason: "notAdministrator" },
    });
    return { ok: false as const, reason: "notAdministrator" as const };
  }

  return {
    async resolve(tenantId, identity) {
      const linked = await deps.store.findIdentity(tenantId, identity.issuer, identity.subject);
      if (linked) {
        if (!(await isAdministrator(tenantId, linked.guestId))) return refuse(tenantId, identity, linked.guestId);
        return { ok: true, memberId: linked.guestId };
      }
      // First sign-in: only an address the person just proved names a Member (a Guest with the
      // same address is never matched; identities stay keyed by issuer and subject).
      const email = identity.emailVerified ? identity.email?.trim().toLowerCase() : undefined;
      const member = email ? await deps.store.findMemberByEmail(tenantId, email) : undefined;
      if (!member || !(await isAdministrator(tenantId, member.id))) return refuse(tenantId, identity);
      await deps.store.linkIdentity(
        { tenantId, guestId: member.id, identity, now: deps.now() },
        {
          tenantId,
          type: "identity.linked",
          actor: { type: "guest", guestId: member.id },
          target: { type: "guest", id: member.id },
          data: { provider: identity.providerId, via: "adminSignIn" },
        },
      );
      return { ok: true, memberId: member.id };
    },
    async record({ tenantId, type, memberId, data }) {
      await deps.store.audit({
        tenantId,
        type,
        actor: memberId ? { type: "guest", guestId: memberId } : PORTAL,
        ...(memberId ? { target: { type: "guest", id: memberId } } : {}),
        ...(data ? { data } : {}),
      });
    },
  };
}
