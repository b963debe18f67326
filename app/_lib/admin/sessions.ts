import type { AdministratorActor, AdministratorRole } from "../directory";
import { roleFor, type AdminCapability } from "./capabilities";

/**
 * Admin portal sessions: short-lived, server-side, one row per sign-in, looked up by the hash of
 * the cookie's token (the token itself is never stored). A session ends at its idle timeout, its
 * absolute timeout, on sign-out, or as soon as the member is no longer an active Member holding a
 * directory role — roles are read on every request, so a revoked role takes effect at once.
 */
export interface AdminSessionRecord {
  id: string;
  tenantId: string;
  memberId: string;
  tokenHash: string;
  /** How the administrator proved who they are (`otp`, `pwd`, `hwk`/`swk` for a passkey, `fed`), RFC 8176. */
  amr: string[];
  authenticatedAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface AdminSessionStore {
  create(record: AdminSessionRecord): Promise<void>;
  findByTokenHash(tenantId: string, tokenHash: string): Promise<AdminSessionRecord | undefined>;
  /** Moves `lastSeenAt` (idle timeout) and, after a re-authentication, `authenticatedAt` and `amr`. */
  touch(id: string, changes: { lastSeenAt: Date; authenticatedAt?: Date; amr?: string[] }): Promise<void>;
  delete(id: string): Promise<void>;
  deleteExpired(before: Date, limit: number): Promise<number>;
}

/** What the portal needs to know about the member behind a session, read fresh on every request. */
export interface AdminMembers {
  describe(
    tenantId: string,
    memberId: string,
  ): Promise<{ email?: string; displayName?: string; active: boolean; member: boolean } | undefined>;
  rolesOf(tenantId: string, memberId: string): Promise<AdministratorRole[]>;
}

export interface AdminSessionPolicy {
  idleMinutes: number;
  absoluteMinutes: number;
  /** How recent the last proof must be for a destructive action (re-authentication). */
  recentAuthenticationMinutes: number;
}

export const DEFAULT_ADMIN_SESSION_POLICY: AdminSessionPolicy = {
  idleMinutes: 30,
  absoluteMinutes: 8 * 60,
  recentAuthenticationMinutes: 10,
};

export interface AdminSession {
  id: string;
  tenantId: string;
  memberId: string;
  email?: string;
  displayName?: string;
  roles: AdministratorRole[];
  amr: string[];
  authenticatedAt: Date;
  expiresAt: Date;
  /** Whether the last proof is recent enough for a destructive action. */
  recentlyAuthenticated: boolean;
  /** The actor to call a service with for this capability, or undefined when no role grants it. */
  actorFor(capability: AdminCapability): AdministratorActor | undefined;
}

export interface AdminSessionDeps {
  store: AdminSessionStore;
  members: AdminMembers;
  policy?: AdminSessionPolicy;
  now: () => Date;
  randomToken: () => string;
  sha256: (value: string) => string;
  newId: () => string;
}

export interface AdminSessionService {
  readonly policy: AdminSessionPolicy;
  /** After a successful sign-in: a new session and the token for its cookie. */
  start(input: { tenantId: string; memberId: string; amr: string[] }): Promise<{ token: string; session: AdminSession }>;
  /** The live session behind a cookie token, or undefined (and the dead row removed). */
  resolve(tenantId: string, token: string | undefined): Promise<AdminSession | undefined>;
  /** A fresh proof inside an existing session (re-authentication before a destructive action). */
  reauthenticated(tenantId: string, token: string, amr: string[]): Promise<AdminSession | undefined>;
  end(tenantId: string, token: string | undefined): Promise<void>;
}

const MINUTE = 60_000;
/** lastSeenAt is written at most this often: a page view should not always be a write. */
const TOUCH_EVERY_MS = 60_000;

export function createAdminSessionService(deps: AdminSessionDeps): AdminSessionService {
  const policy = deps.policy ?? DEFAULT_ADMIN_SESSION_POLICY;

  async function view(record: AdminSessionRecord, now: Date): Promise<AdminSession | undefined> {
    const member = await deps.members.describe(record.tenantId, record.memberId);
    if (!member || !member.active || !member.member) return undefined;
    const roles = await deps.members.rolesOf(record.tenantId, record.memberId);
    if (roles.length === 0) return undefined;
    return {
      id: record.id,
      tenantId: record.tenantId,
      memberId: record.memberId,
      ...(member.email ? { email: member.email } : {}),
      ...(member.displayName ? { displayName: member.displayName } : {}),
      roles,
      amr: record.amr,
      authenticatedAt: record.authenticatedAt,
      expiresAt: record.expiresAt,
      recentlyAuthenticated: now.getTime() - record.authenticatedAt.getTime() <= policy.recentAuthenticationMinutes * MINUTE,
      actorFor(capability) {
        const role = roleFor(roles, capability);
        return role ? { type: "administrator", id: record.memberId, role } : undefined;
      },
    };
  }

  async function live(tenantId: string, token: string | undefined) {
    if (!token || token.length > 200) return undefined;
    const record = await deps.store.findByTokenHash(tenantId, deps.sha256(token));
    if (!record || record.tenantId !== tenantId) return undefined;
    const now = deps.now();
    const idleUntil = record.lastSeenAt.getTime() + policy.idleMinutes * MINUTE;
    if (now >= record.expiresAt || now.getTime() >= idleUntil) {
      await deps.store.delete(record.id);
      return undefined;
    }
    return { record, now };
  }

  return {
    policy,
    async start({ tenantId, memberId, amr }) {
      const now = deps.now();
      const token = deps.randomToken();
      const record: AdminSessionRecord = {
        id: deps.newId(),
        tenantId,
        memberId,
        tokenHash: deps.sha256(token),
        amr,
        authenticatedAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + policy.absoluteMinutes * MINUTE),
      };
      const session = await view(record, now);
      if (!session) throw new Error("an admin session can only start for an active Member holding a directory role");
      await deps.store.create(record);
      return { token, session };
    },
    async resolve(tenantId, token) {
      const found = await live(tenantId, token);
      if (!found) return undefined;
      const session = await view(found.record, found.now);
      if (!session) {
        await deps.store.delete(found.record.id);
        return undefined;
      }
      if (found.now.getTime() - found.record.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
        await deps.store.touch(found.record.id, { lastSeenAt: found.now });
      return session;
    },
    async reauthenticated(tenantId, token, amr) {
      const found = await live(tenantId, token);
      if (!found) return undefined;
      await deps.store.touch(found.record.id, { lastSeenAt: found.now, authenticatedAt: found.now, amr });
      return view({ ...found.record, authenticatedAt: found.now, lastSeenAt: found.now, amr }, found.now);
    },
    async end(tenantId, token) {
      const found = token ? await deps.store.findByTokenHash(tenantId, deps.sha256(token)) : undefined;
      if (found && found.tenantId === tenantId) await deps.store.delete(found.id);
    },
  };
}
