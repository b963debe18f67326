import type {
  AdminCeremonyStore,
  AdminSignInStore,
  DirectoryRoleAdminStore,
  PasskeyRecord,
  PasskeyStore,
  RoleMember,
  TenantSettingsStore,
} from "../admin";
import type { AdministratorRole } from "../directory";
import { auditRow } from "./audit-log";
import { providerOf, type PrismaClient } from "./client";

/** The admin portal's stores on Prisma: plain reads and writes; the admin module decides. */

export function createAdminSignInStore(prisma: PrismaClient): AdminSignInStore {
  return {
    async findIdentity(tenantId, issuer, subject) {
      const row = await prisma.identity.findUnique({
        where: { tenantId_issuer_subject: { tenantId, issuer, subject } },
        select: { guestId: true },
      });
      return row ?? undefined;
    },
    async findMemberByEmail(tenantId, email) {
      const row = await prisma.guest.findFirst({ where: { tenantId, email, userType: "Member" }, select: { id: true } });
      return row ?? undefined;
    },
    async linkIdentity({ tenantId, guestId, identity, now }, audit) {
      await prisma.$transaction([
        prisma.identity.create({
          data: {
            tenantId,
            guestId,
            issuer: identity.issuer,
            subject: identity.subject,
            provider: identity.providerId,
            email: identity.email ?? null,
            emailVerified: identity.emailVerified,
            lastSignInAt: now,
          },
        }),
        prisma.guest.updateMany({ where: { id: guestId, tenantId }, data: { emailVerified: true } }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
    },
    async audit(event) {
      await prisma.auditEvent.create({ data: auditRow(event) });
    },
  };
}

export function createTenantSettingsStore(prisma: PrismaClient): TenantSettingsStore {
  return {
    async get(tenantId) {
      const row = await prisma.tenantSettings.findUnique({ where: { tenantId } });
      return {
        ...(row?.selfServiceSignUp != null ? { selfServiceSignUp: row.selfServiceSignUp } : {}),
        ...(row?.passkeyRequired != null ? { passkeyRequired: row.passkeyRequired } : {}),
      };
    },
    async update(tenantId, changes, audit) {
      await prisma.$transaction([
        prisma.tenantSettings.upsert({ where: { tenantId }, create: { tenantId, ...changes }, update: changes }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
    },
  };
}

export function createDirectoryRoleAdminStore(prisma: PrismaClient): DirectoryRoleAdminStore {
  return {
    async members(tenantId) {
      const rows = await prisma.guest.findMany({
        where: { tenantId, userType: "Member", directoryRoles: { some: {} } },
        select: { id: true, email: true, displayName: true, state: true, directoryRoles: { select: { role: true } } },
        orderBy: [{ email: "asc" }, { id: "asc" }],
        take: 500,
      });
      return rows.map((row): RoleMember => ({
        id: row.id,
        ...(row.email ? { email: row.email } : {}),
        ...(row.displayName ? { displayName: row.displayName } : {}),
        state: row.state,
        roles: row.directoryRoles.map((assignment) => assignment.role as AdministratorRole),
      }));
    },
    async findMemberByEmail(tenantId, email) {
      const row = await prisma.guest.findFirst({
        where: { tenantId, email, userType: "Member" },
        select: { id: true, directoryRoles: { select: { role: true } } },
      });
      return row ? { id: row.id, roles: row.directoryRoles.map((r) => r.role as AdministratorRole) } : undefined;
    },
    async createMember(tenantId, id, email, audit) {
      await prisma.$transaction([
        prisma.guest.create({ data: { id, tenantId, userType: "Member", createdVia: "admin", email } }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
    },
    async assign(tenantId, memberId, role, audit) {
      await prisma.$transaction([
        prisma.directoryRoleAssignment.create({ data: { tenantId, guestId: memberId, role } }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
    },
    async remove(tenantId, memberId, role, audit) {
      return prisma.$transaction(async (tx) => {
        // Two Global Administrators removing each other (or each their own role) at one instant:
        // under PostgreSQL's READ COMMITTED both counts below would still see the other and both
        // delete, leaving nobody. A transaction-scoped advisory lock per tenant makes the second
        // wait for the first's commit and count afresh. SQLite has one writer at a time, and a
        // transaction whose reads another commit has made stale cannot write, so it needs none.
        if (role === "globalAdministrator" && providerOf(prisma) === "postgres")
          await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`guestgate.globalAdministrators.${tenantId}`}, 0))) AS held`;
        const held = await tx.directoryRoleAssignment.findFirst({ where: { tenantId, guestId: memberId, role } });
        if (!held) return "absent" as const;
        if (role === "globalAdministrator") {
          const others = await tx.directoryRoleAssignment.count({
            where: {
              tenantId,
              role,
              guestId: { not: memberId },
              guest: { tenantId, userType: "Member", state: "active" },
            },
          });
          if (others === 0) return "lastGlobalAdministrator" as const;
        }
        await tx.directoryRoleAssignment.deleteMany({ where: { tenantId, guestId: memberId, role } });
        await tx.auditEvent.create({ data: auditRow(audit) });
        return "removed" as const;
      });
    },
  };
}

export function createAdminCeremonyStore(prisma: PrismaClient): AdminCeremonyStore {
  return {
    async create(row) {
      await prisma.adminCeremony.create({ data: row });
    },
    async take(tenantId, idHash, kind, now) {
      const row = await prisma.adminCeremony.findUnique({ where: { idHash } });
      if (!row || row.tenantId !== tenantId || row.kind !== kind) return undefined;
      // The conditional delete is the single use: of two requests with the same token, one deletes.
      const { count } = await prisma.adminCeremony.deleteMany({ where: { idHash, expiresAt: { gt: now } } });
      return count === 1 ? row.data : undefined;
    },
    async deleteExpired(before, limit) {
      const rows = await prisma.adminCeremony.findMany({
        where: { expiresAt: { lt: before } },
        select: { idHash: true },
        take: limit,
      });
      if (rows.length === 0) return 0;
      const { count } = await prisma.adminCeremony.deleteMany({ where: { idHash: { in: rows.map((r) => r.idHash) } } });
      return count;
    },
  };
}

export function createPasskeyStore(prisma: PrismaClient): PasskeyStore {
  const record = (row: {
    id: string;
    tenantId: string;
    memberId: string;
    credentialId: string;
    publicKey: string;
    counter: number;
    transports: string;
    name: string;
    createdAt: Date;
    lastUsedAt: Date | null;
  }): PasskeyRecord => ({ ...row, transports: parseList(row.transports) });
  return {
    async list(tenantId, memberId) {
      const rows = await prisma.adminPasskey.findMany({ where: { tenantId, memberId }, orderBy: { createdAt: "asc" } });
      return rows.map(record);
    },
    async findByCredentialId(tenantId, credentialId) {
      const row = await prisma.adminPasskey.findUnique({ where: { tenantId_credentialId: { tenantId, credentialId } } });
      return row ? record(row) : undefined;
    },
    async create(input, audit) {
      const [row] = await prisma.$transaction([
        prisma.adminPasskey.create({ data: { ...input, transports: JSON.stringify(input.transports) } }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
      return record(row);
    },
    async remove(tenantId, memberId, id, audit) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.adminPasskey.deleteMany({ where: { id, tenantId, memberId } });
        if (count === 0) return false;
        await tx.auditEvent.create({ data: auditRow(audit) });
        return true;
      });
    },
    async used(id, counter, at, audit) {
      await prisma.$transaction([
        prisma.adminPasskey.updateMany({ where: { id }, data: { counter, lastUsedAt: at } }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
    },
  };
}

function parseList(stored: string): string[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
