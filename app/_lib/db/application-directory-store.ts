import { parseLocalizedNames, type ApplicationDirectoryStore, type ApplicationFields, type StoredApplication } from "../oidc";
import { auditRow } from "./audit-log";
import { isUniqueViolation, type PrismaClient } from "./client";

/**
 * The Graph `applications` resource on Prisma. Lists and maps are JSON strings in the database,
 * as in oidc-repositories.ts; every write goes with its audit event in one transaction.
 */
export function createApplicationDirectoryStore(prisma: PrismaClient): ApplicationDirectoryStore {
  const include = { secrets: { orderBy: { createdAt: "asc" as const } } };
  return {
    async find(tenantId, key) {
      const row = await prisma.application.findFirst({ where: { tenantId, ...key }, include });
      return row && toStored(row);
    },
    async page(tenantId, { filter, after, take }) {
      const condition = filter
        ? { [filter.field]: filter.op === "eq" ? { equals: filter.value } : { startsWith: filter.value } }
        : {};
      const rows = await prisma.application.findMany({
        where: { tenantId, ...condition, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take,
        include,
      });
      return rows.map(toStored);
    },
    async create(row, audit) {
      try {
        const [created] = await prisma.$transaction([
          prisma.application.create({
            data: {
              tenantId: row.tenantId,
              clientId: row.clientId,
              ...toColumns(row),
              name: row.name,
              clientType: row.clientType,
            },
            include,
          }),
          prisma.auditEvent.create({ data: auditRow(audit) }),
        ]);
        return toStored(created as Row);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async update(id, expectedUpdatedAt, fields, audit) {
      return prisma.$transaction(async (tx) => {
        // The new updatedAt is always later than the one read, even within one millisecond, so a
        // second writer holding the old value can never match it.
        const updatedAt = new Date(Math.max(Date.now(), expectedUpdatedAt.getTime() + 1));
        const { count } = await tx.application.updateMany({
          where: { id, updatedAt: expectedUpdatedAt },
          data: { ...toColumns(fields), updatedAt },
        });
        if (count !== 1) return false;
        await tx.auditEvent.create({ data: auditRow(audit) });
        return true;
      });
    },
    async assignedRoleIds(applicationId) {
      const [users, groups] = await Promise.all([
        prisma.appRoleAssignment.findMany({ where: { applicationId }, select: { appRoleId: true }, distinct: ["appRoleId"] }),
        prisma.groupAppRoleAssignment.findMany({
          where: { applicationId },
          select: { appRoleId: true },
          distinct: ["appRoleId"],
        }),
      ]);
      return [...new Set([...users, ...groups].map((row) => row.appRoleId))];
    },
    async delete(id, audit) {
      await prisma.$transaction([
        prisma.application.delete({ where: { id } }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
    },
    async addSecret(secret, fields, audit) {
      const [created] = await prisma.$transaction([
        prisma.clientSecret.create({ data: secret }),
        prisma.application.update({ where: { id: secret.applicationId }, data: toColumns(fields) }),
        prisma.auditEvent.create({ data: auditRow(audit) }),
      ]);
      return created;
    },
    async removeSecret(applicationId, secretId, audit) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.clientSecret.deleteMany({ where: { id: secretId, applicationId } });
        if (count !== 1) return false;
        await tx.auditEvent.create({ data: auditRow(audit) });
        return true;
      });
    },
  };
}

function toColumns(fields: Partial<ApplicationFields>) {
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const columns = {
    name: fields.name,
    clientType: fields.clientType,
    redirectUris: json(fields.redirectUris),
    postLogoutRedirectUris: json(fields.postLogoutRedirectUris),
    grantTypes: json(fields.grantTypes),
    appRoles: json(fields.appRoles),
    permissions: json(fields.permissions),
    redirectUriPlatforms: json(fields.redirectUriPlatforms),
    homePageUrl: fields.homePageUrl,
    logoutUrl: fields.logoutUrl,
    groupMembershipClaims: fields.groupMembershipClaims,
    claimsByScope: fields.claimsByScope,
    localizedDisplayNames: json(fields.localizedDisplayNames),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as {
    [K in keyof typeof columns]?: Exclude<(typeof columns)[K], undefined>;
  };
}

function parse<T>(text: string, fallback: T): T {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === typeof fallback && Array.isArray(value) === Array.isArray(fallback)
      ? (value as T)
      : fallback;
  } catch {
    return fallback;
  }
}

interface Row {
  id: string;
  tenantId: string;
  clientId: string;
  name: string;
  clientType: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  grantTypes: string;
  appRoles: string;
  permissions: string;
  redirectUriPlatforms: string;
  homePageUrl: string | null;
  logoutUrl: string | null;
  groupMembershipClaims: string;
  claimsByScope: boolean;
  localizedDisplayNames: string;
  createdAt: Date;
  updatedAt: Date;
  secrets: { id: string; displayName: string | null; hint: string; expiresAt: Date; createdAt: Date }[];
}

function toStored(row: Row): StoredApplication {
  return {
    id: row.id,
    tenantId: row.tenantId,
    clientId: row.clientId,
    name: row.name,
    clientType: row.clientType === "confidential" ? "confidential" : "public",
    redirectUris: parse(row.redirectUris, [] as string[]),
    postLogoutRedirectUris: parse(row.postLogoutRedirectUris, [] as string[]),
    grantTypes: parse(row.grantTypes, [] as StoredApplication["grantTypes"]),
    appRoles: parse(row.appRoles, [] as StoredApplication["appRoles"]),
    permissions: parse(row.permissions, [] as string[]),
    redirectUriPlatforms: parse(row.redirectUriPlatforms, {} as StoredApplication["redirectUriPlatforms"]),
    homePageUrl: row.homePageUrl,
    logoutUrl: row.logoutUrl,
    groupMembershipClaims: row.groupMembershipClaims,
    claimsByScope: row.claimsByScope,
    localizedDisplayNames: parseLocalizedNames(row.localizedDisplayNames),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    secrets: row.secrets.map((s) => ({
      id: s.id,
      displayName: s.displayName,
      hint: s.hint,
      expiresAt: s.expiresAt,
      createdAt: s.createdAt,
    })),
  };
}
