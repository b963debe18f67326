import type {
  ApplicationRecord,
  AuthorizationCodeRecord,
  ClientSecretRecord,
  GrantRecord,
  GuestProfile,
  InteractionRecord,
  OidcRepositories,
  OpSessionRecord,
  RefreshTokenRecord,
  SigningKeyRecord,
} from "../ports";
import type { AuditEventInput } from "../../directory";

/**
 * In-memory repositories with the same contracts as the Prisma ones (conditional updates included),
 * for unit tests of this module and of the journeys that drive it.
 */
export function createMemoryRepositories(guests: GuestProfile[] = []) {
  const applications = new Map<string, ApplicationRecord>();
  const secrets: ClientSecretRecord[] = [];
  const keys: SigningKeyRecord[] = [];
  const sessions = new Map<string, OpSessionRecord>();
  const interactions = new Map<string, InteractionRecord>();
  const codes = new Map<string, AuthorizationCodeRecord>();
  const grants = new Map<string, GrantRecord>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();
  const guestMap = new Map(guests.map((g) => [g.id, g]));
  /** Audit events handed in with a write, as the Prisma repositories store them in its transaction. */
  const audit: AuditEventInput[] = [];
  const keepAudit = (event: AuditEventInput | undefined) => void (event && audit.push(structuredClone(event)));
  const id = () => crypto.randomUUID();
  const copy = <T>(value: T | undefined): T | null => (value === undefined ? null : structuredClone(value));

  const revokeGrant = (grantId: string, now: Date) => {
    const grant = grants.get(grantId);
    if (grant && !grant.revokedAt) grant.revokedAt = now;
    for (const token of refreshTokens.values()) if (token.grantId === grantId && !token.revokedAt) token.revokedAt = now;
  };

  const repositories: OidcRepositories = {
    applications: {
      async findByClientId(clientId) {
        return copy([...applications.values()].find((a) => a.clientId === clientId));
      },
      async list(tenantId) {
        return [...applications.values()].filter((a) => a.tenantId === tenantId).map((a) => structuredClone(a));
      },
      async create(application, secret, event) {
        if ([...applications.values()].some((a) => a.clientId === application.clientId)) throw new Error("client id taken");
        keepAudit(event);
        const record = { ...structuredClone(application), id: id(), createdAt: new Date() };
        applications.set(record.id, record);
        if (secret) secrets.push({ ...secret, id: id(), applicationId: record.id, createdAt: new Date() });
        return structuredClone(record);
      },
      async secrets(applicationId) {
        return secrets.filter((s) => s.applicationId === applicationId).map((s) => ({ ...s }));
      },
      async addSecret(secret, event) {
        const row = { ...secret, id: id(), createdAt: new Date() };
        secrets.push(row);
        keepAudit(event);
        return { ...row };
      },
    },
    signingKeys: {
      async list(tenantId) {
        return keys.filter((k) => k.tenantId === tenantId).map((k) => ({ ...k }));
      },
      async insertActive(key) {
        if (keys.some((k) => k.tenantId === key.tenantId && k.alg === key.alg && k.state === "active")) return false;
        keys.push({ ...key, state: "active", retiredAt: null });
        return true;
      },
      async rotate(key, now, event) {
        keepAudit(event);
        for (const k of keys)
          if (k.tenantId === key.tenantId && k.alg === key.alg && k.state === "active")
            Object.assign(k, { state: "retired", retiredAt: now });
        keys.push({ ...key, state: "active", retiredAt: null });
      },
    },
    sessions: {
      async create(session) {
        sessions.set(session.id, { ...session, endedAt: null });
      },
      async find(sessionId) {
        return copy(sessions.get(sessionId));
      },
      async findWithGuestState(sessionId) {
        const session = copy(sessions.get(sessionId));
        if (!session) return null;
        const guest = guestMap.get(session.guestId);
        return { session, guestState: guest && guest.tenantId === session.tenantId ? guest.state : null };
      },
      async findBySid(sid) {
        return copy([...sessions.values()].find((s) => s.sid === sid));
      },
      async reauthenticate(sessionId, change) {
        const session = sessions.get(sessionId);
        if (session) Object.assign(session, structuredClone(change));
      },
      async end(sessionId, now) {
        const session = sessions.get(sessionId);
        if (session && !session.endedAt) session.endedAt = now;
      },
    },
    interactions: {
      async create(interaction) {
        interactions.set(interaction.id, { ...interaction, result: null, completedAt: null, consumedAt: null });
      },
      async find(interactionId) {
        return copy(interactions.get(interactionId));
      },
      async complete(interactionId, result, now) {
        const interaction = interactions.get(interactionId);
        if (!interaction || interaction.completedAt) return false;
        Object.assign(interaction, { result, completedAt: now });
        return true;
      },
      async consume(interactionId, now) {
        const interaction = interactions.get(interactionId);
        if (!interaction || !interaction.completedAt || interaction.consumedAt) return false;
        interaction.consumedAt = now;
        return true;
      },
    },
    tokens: {
      async createCode(code) {
        const record = { ...structuredClone(code), id: id(), consumedAt: null };
        codes.set(record.codeHash, record);
      },
      async findCodeWithGuest(codeHash) {
        const code = copy(codes.get(codeHash));
        if (!code) return null;
        const guest = guestMap.get(code.guestId);
        return { code, guest: guest && guest.tenantId === code.tenantId ? structuredClone(guest) : null };
      },
      async redeemCode(codeId, now, grant) {
        const code = [...codes.values()].find((c) => c.id === codeId);
        if (!code || code.consumedAt || [...grants.values()].some((g) => g.codeId === codeId)) return null;
        code.consumedAt = now;
        const record: GrantRecord = { ...structuredClone(grant), id: id(), createdAt: now, revokedAt: null };
        grants.set(record.id, record);
        return structuredClone(record);
      },
      async revokeGrantFromCode(codeId, now) {
        for (const grant of grants.values()) if (grant.codeId === codeId) revokeGrant(grant.id, now);
      },
      async createGrant(grant) {
        const record: GrantRecord = { ...structuredClone(grant), id: id(), createdAt: new Date(), revokedAt: null };
        grants.set(record.id, record);
        return structuredClone(record);
      },
      async findGrant(grantId) {
        return copy(grants.get(grantId));
      },
      async revokeGrant(grantId, now) {
        revokeGrant(grantId, now);
      },
      async revokeAppGrant(grant, now) {
        if (!grants.has(grant.id))
          grants.set(grant.id, {
            ...grant,
            guestId: null,
            kind: "client_credentials",
            sid: null,
            authTime: null,
            amr: [],
            acr: null,
            codeId: null,
            revokedAt: now,
          });
        revokeGrant(grant.id, now);
      },
      async createRefreshToken(token) {
        refreshTokens.set(token.tokenHash, { ...token, id: id(), consumedAt: null, revokedAt: null });
      },
      async findRefreshToken(tokenHash) {
        return copy(refreshTokens.get(tokenHash));
      },
      async rotateRefreshToken(oldId, now, next) {
        const old = [...refreshTokens.values()].find((t) => t.id === oldId);
        if (!old || old.consumedAt || old.revokedAt) return false;
        old.consumedAt = now;
        refreshTokens.set(next.tokenHash, { ...next, id: id(), consumedAt: null, revokedAt: null });
        return true;
      },
    },
    guests: {
      async find(tenantId, guestId) {
        const guest = guestMap.get(guestId);
        return guest && guest.tenantId === tenantId ? structuredClone(guest) : null;
      },
      async state(tenantId, guestId) {
        const guest = guestMap.get(guestId);
        return guest && guest.tenantId === tenantId ? guest.state : null;
      },
    },
  };
  return { repositories, guests: guestMap, grants, refreshTokens, codes, interactions, sessions, keys, audit };
}
