import type {
  AppRoleAssignmentRecord,
  GroupFilter,
  GroupReads,
  GroupRecord,
  GroupStore,
  GroupUnit,
  MemberRecord,
  ResourceRole,
} from "../directory";
import { UniqueConflict } from "../directory";
import { appRoleId } from "../oidc";
import { auditLogOn } from "./audit-log";
import { relationReads, relationWrites } from "./user-relations";
import { isUniqueViolation, providerOf, type DatabaseProvider, type PrismaClient } from "./client";
import type { Prisma } from "../../../prisma/generated/client/sqlite/client";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Groups, members and app-role assignments on Prisma: plain reads and writes for the group
 * services, and `transaction`, their unit of work (writes and audit events commit together).
 */
export function createGroupStore(prisma: PrismaClient): GroupStore {
  return {
    ...reads(prisma),
    async transaction(work) {
      try {
        return await prisma.$transaction((tx) => work(unit(tx, providerOf(prisma))));
      } catch (error) {
        if (isUniqueViolation(error)) throw new UniqueConflict("a unique key is taken");
        throw error;
      }
    },
  };
}

const memberSelect = { id: true, displayName: true, email: true, userType: true } as const;
const assignmentInclude = {
  guest: { select: { displayName: true } },
  application: { select: { name: true } },
} as const;
const groupAssignmentInclude = {
  group: { select: { displayName: true } },
  application: { select: { name: true } },
} as const;

function filterWhere(filter: GroupFilter): Prisma.GroupWhereInput {
  if (filter.property === "id") return { id: { in: filter.values } };
  return filter.op === "eq" ? { displayName: filter.value } : { displayName: { startsWith: filter.value } };
}

// SQLite refuses statements with more bound parameters than its limit: long id lists go in chunks.
const CHUNK = 500;
async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) rows.push(...(await read(ids.slice(start, start + CHUNK))));
  return rows;
}

function reads(client: Tx): GroupReads {
  return {
    ...relationReads(client),
    async findGroup(tenantId, id) {
      const row = await client.group.findFirst({ where: { id, tenantId } });
      return row && toGroup(row);
    },
    async listGroups(tenantId, query) {
      const after = query.after;
      const rows = await client.group.findMany({
        where: {
          AND: [
            { tenantId },
            ...query.filters.map(filterWhere),
            ...(after
              ? [{ OR: [{ displayName: { gt: after.displayName } }, { displayName: after.displayName, id: { gt: after.id } }] }]
              : []),
          ],
        },
        orderBy: [{ displayName: "asc" }, { id: "asc" }],
        take: query.take,
      });
      return rows.map(toGroup);
    },
    async findUser(tenantId, id) {
      return client.guest.findFirst({ where: { id, tenantId }, select: memberSelect });
    },
    async listMembers(tenantId, groupId, after, take) {
      const rows = await client.groupMember.findMany({
        where: { groupId, tenantId, ...(after ? { guestId: { gt: after } } : {}) },
        orderBy: { guestId: "asc" },
        take,
        select: { guest: { select: memberSelect } },
      });
      return rows.map((row): MemberRecord => row.guest);
    },
    async isMember(groupId, guestId) {
      return (await client.groupMember.count({ where: { groupId, guestId } })) > 0;
    },
    async listMemberOf(tenantId, guestId, after, take) {
      const rows = await client.groupMember.findMany({
        where: { guestId, tenantId, ...(after ? { groupId: { gt: after } } : {}) },
        orderBy: { groupId: "asc" },
        take,
        select: { group: true },
      });
      return rows.map((row) => toGroup(row.group));
    },
    async childGroupIds(tenantId, parentIds) {
      const rows = await inChunks(parentIds, (chunk) =>
        client.groupNesting.findMany({ where: { tenantId, parentId: { in: chunk } }, select: { childId: true } }),
      );
      return rows.map((row) => row.childId);
    },
    async parentGroupIds(tenantId, childIds) {
      const rows = await inChunks(childIds, (chunk) =>
        client.groupNesting.findMany({ where: { tenantId, childId: { in: chunk } }, select: { parentId: true } }),
      );
      return rows.map((row) => row.parentId);
    },
    async directGroupIds(tenantId, guestId) {
      const rows = await client.groupMember.findMany({ where: { tenantId, guestId }, select: { groupId: true } });
      return rows.map((row) => row.groupId);
    },
    async findGroups(tenantId, ids) {
      const rows = await inChunks(ids, (chunk) => client.group.findMany({ where: { tenantId, id: { in: chunk } } }));
      return rows.map(toGroup);
    },
    async listMemberGroups(tenantId, groupId, after, take) {
      const rows = await client.groupNesting.findMany({
        where: { parentId: groupId, tenantId, ...(after ? { childId: { gt: after } } : {}) },
        orderBy: { childId: "asc" },
        take,
        select: { child: true },
      });
      return rows.map((row) => toGroup(row.child));
    },
    async isNested(parentId, childId) {
      return (await client.groupNesting.count({ where: { parentId, childId } })) > 0;
    },
    async listUsersInGroups(tenantId, groupIds, after, take) {
      // Each chunk's first `take` users after `after`, merged: the first `take` of the union are
      // among them. Reading guests (not membership rows) keeps a user in two groups once.
      const rows = await inChunks(groupIds, (chunk) =>
        client.guest.findMany({
          where: { tenantId, ...(after ? { id: { gt: after } } : {}), groups: { some: { groupId: { in: chunk } } } },
          orderBy: { id: "asc" },
          take,
          select: memberSelect,
        }),
      );
      const unique = new Map(rows.map((row) => [row.id, row]));
      return [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, take);
    },
    async listOwners(tenantId, groupId, after, take) {
      const rows = await client.groupOwner.findMany({
        where: { groupId, tenantId, ...(after ? { guestId: { gt: after } } : {}) },
        orderBy: { guestId: "asc" },
        take,
        select: { guest: { select: memberSelect } },
      });
      return rows.map((row): MemberRecord => row.guest);
    },
    async isOwner(groupId, guestId) {
      return (await client.groupOwner.count({ where: { groupId, guestId } })) > 0;
    },
    async listGroupAssignments(tenantId, groupId) {
      const rows = await client.groupAppRoleAssignment.findMany({
        where: { tenantId, groupId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: groupAssignmentInclude,
      });
      return rows.map(toGroupAssignment);
    },
    async findGroupAssignment(tenantId, groupId, id) {
      const row = await client.groupAppRoleAssignment.findFirst({
        where: { id, tenantId, groupId },
        include: groupAssignmentInclude,
      });
      return row && toGroupAssignment(row);
    },
    async findApplication(tenantId, id) {
      const row = await client.application.findFirst({
        where: { id, tenantId },
        select: { id: true, clientId: true, name: true, appRoles: true },
      });
      return row && { id: row.id, clientId: row.clientId, name: row.name, roles: resourceRoles(row.clientId, row.appRoles) };
    },
    async listAssignments(tenantId, guestId) {
      const rows = await client.appRoleAssignment.findMany({
        where: { tenantId, guestId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: assignmentInclude,
      });
      return rows.map(toAssignment);
    },
    async findAssignment(tenantId, guestId, id) {
      const row = await client.appRoleAssignment.findFirst({ where: { id, tenantId, guestId }, include: assignmentInclude });
      return row && toAssignment(row);
    },
  };
}

function unit(tx: Tx, provider: DatabaseProvider): GroupUnit {
  return {
    ...reads(tx),
    ...relationWrites(tx),
    async lockNesting(tenantId) {
      // SQLite has one writer at a time, and a transaction whose reads another commit has made
      // stale cannot write (SQLITE_BUSY_SNAPSHOT in WAL mode): only PostgreSQL needs the lock.
      // An advisory lock of the transaction, keyed by the tenant, released at commit or rollback.
      if (provider === "postgres")
        await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`guestgate.groups.${tenantId}`}, 0))) AS held`;
    },
    async createGroup(tenantId, group) {
      const row = await tx.group.create({ data: { tenantId, ...group, groupTypes: JSON.stringify(group.groupTypes) } });
      return toGroup(row);
    },
    async updateGroup(groupId, changes) {
      const { groupTypes, ...rest } = changes;
      await tx.group.update({
        where: { id: groupId },
        data: { ...rest, ...(groupTypes ? { groupTypes: JSON.stringify(groupTypes) } : {}) },
      });
    },
    async deleteGroup(groupId) {
      await tx.group.delete({ where: { id: groupId } });
    },
    async addMembers(tenantId, groupId, guestIds) {
      for (const guestId of guestIds) await tx.groupMember.create({ data: { tenantId, groupId, guestId } });
    },
    async removeMember(groupId, guestId) {
      await tx.groupMember.delete({ where: { groupId_guestId: { groupId, guestId } } });
    },
    async addNestedGroups(tenantId, parentId, childIds) {
      for (const childId of childIds) await tx.groupNesting.create({ data: { tenantId, parentId, childId } });
    },
    async removeNestedGroup(parentId, childId) {
      await tx.groupNesting.delete({ where: { parentId_childId: { parentId, childId } } });
    },
    async addOwner(tenantId, groupId, guestId) {
      await tx.groupOwner.create({ data: { tenantId, groupId, guestId } });
    },
    async removeOwner(groupId, guestId) {
      await tx.groupOwner.delete({ where: { groupId_guestId: { groupId, guestId } } });
    },
    async createGroupAssignment(record) {
      await tx.groupAppRoleAssignment.create({ data: record });
    },
    async deleteGroupAssignment(id) {
      await tx.groupAppRoleAssignment.delete({ where: { id } });
    },
    async createAssignment(record) {
      await tx.appRoleAssignment.create({ data: record });
    },
    async deleteAssignment(id) {
      await tx.appRoleAssignment.delete({ where: { id } });
    },
    audit: auditLogOn(tx),
  };
}

/** The application's app roles with their ids (old rows lack `id`: see oidc `appRoleId`). */
export function resourceRoles(clientId: string, json: string): ResourceRole[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((role): role is Record<string, unknown> => typeof role === "object" && role !== null)
    .map((role) => {
      const value = typeof role.value === "string" && role.value !== "" ? role.value : null;
      const id = typeof role.id === "string" ? role.id : null;
      return { id: appRoleId(clientId, { id, value }), value, isEnabled: role.isEnabled !== false };
    });
}

function toGroup(row: {
  id: string;
  tenantId: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string;
  createdAt: Date;
}): GroupRecord {
  let groupTypes: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.groupTypes);
    if (Array.isArray(parsed)) groupTypes = parsed.filter((type): type is string => typeof type === "string");
  } catch {
    groupTypes = [];
  }
  return { ...row, groupTypes };
}

function toAssignment(row: {
  id: string;
  guestId: string;
  applicationId: string;
  appRoleId: string;
  createdAt: Date;
  guest: { displayName: string | null };
  application: { name: string };
}): AppRoleAssignmentRecord {
  return {
    id: row.id,
    principalType: "User",
    guestId: row.guestId,
    guestDisplayName: row.guest.displayName,
    applicationId: row.applicationId,
    applicationName: row.application.name,
    appRoleId: row.appRoleId,
    createdAt: row.createdAt,
  };
}

function toGroupAssignment(row: {
  id: string;
  groupId: string;
  applicationId: string;
  appRoleId: string;
  createdAt: Date;
  group: { displayName: string };
  application: { name: string };
}): AppRoleAssignmentRecord {
  return {
    id: row.id,
    principalType: "Group",
    guestId: row.groupId,
    guestDisplayName: row.group.displayName,
    applicationId: row.applicationId,
    applicationName: row.application.name,
    appRoleId: row.appRoleId,
    createdAt: row.createdAt,
  };
}
