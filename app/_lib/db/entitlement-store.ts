import { randomBytes } from "node:crypto";
import { UniqueConflict } from "../directory";
import type {
  AccessPackageRecord,
  CatalogFilter,
  CatalogRecord,
  ConnectedOrganizationRecord,
  DirectoryResource,
  EntitlementReads,
  EntitlementStore,
  EntitlementUnit,
  ListQuery,
  PackageFilter,
  PolicyFilter,
  PolicyRecord,
  ResourceRecord,
  RoleFilter,
  AssignmentFilter,
  AssignmentRecord,
  RequestFilter,
  RequestRecord,
  StageRecord,
  StageSettings,
} from "../access";
import { addDuration } from "../access";
import { appRoleId } from "../oidc";
import { auditLogOn } from "./audit-log";
import { isUniqueViolation, type PrismaClient } from "./client";
import { lifecycleReads, lifecycleWrites } from "./entitlement-lifecycle-store";
import { sharedTransaction, type Tx } from "./shared-transaction";
import type { Prisma } from "../../../prisma/generated/client/sqlite/client";

/** Graph's defaults of entitlementManagementSettings (contract §7.3: delete 30 days after blocking). */
const DEFAULT_SETTINGS = {
  externalUserLifecycleAction: "blockSignInAndDelete",
  durationUntilExternalUserDeletedAfterBlocked: "P30D",
};

/**
 * Entitlement management on Prisma: plain reads and writes for the entitlements service, and
 * `transaction`, its unit of work (writes and audit events commit together). Lists page by id.
 * The unit of work is shared (shared-transaction.ts): the directory verbs the external-user
 * lifecycle calls from inside it (block, unblock, delete) commit with it or not at all.
 */
export function createEntitlementStore(prisma: PrismaClient): EntitlementStore {
  return {
    ...reads(prisma),
    async transaction(work) {
      try {
        return await sharedTransaction(prisma, (tx) => work(unit(tx)));
      } catch (error) {
        if (isUniqueViolation(error)) throw new UniqueConflict("a unique key is taken");
        throw error;
      }
    },
  };
}

const keyset = (query: ListQuery<unknown>) => ({
  orderBy: { id: query.before ? ("desc" as const) : ("asc" as const) },
  take: query.take,
});
const after = (query: ListQuery<unknown>) => [
  ...(query.after ? [{ id: { gt: query.after } }] : []),
  ...(query.before ? [{ id: { lt: query.before } }] : []),
];

/** A request still on its way: it may yet assign something. */
const OPEN_REQUEST_STATES = ["submitted", "pendingApproval", "scheduled", "delivering"];

const parse = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

const catalogWhere = (filter: CatalogFilter) => ({ [filter.property]: filter.value });
const packageWhere = (filter: PackageFilter): Prisma.AccessPackageWhereInput => ({ [filter.property]: filter.value });
const policyWhere = (filter: PolicyFilter): Prisma.AccessPackageAssignmentPolicyWhereInput => ({
  [filter.property]: filter.value,
});
function roleWhere(filter: RoleFilter): Prisma.AccessPackageResourceRoleWhereInput {
  if (filter.property === "originSystem") return { resource: { originSystem: filter.value } };
  if (filter.property === "resourceId") return { resourceId: filter.value };
  return { originId: filter.value };
}

const toResource = (row: {
  id: string;
  tenantId: string;
  catalogId: string;
  originSystem: string;
  originId: string;
  displayName: string;
  description: string;
  createdAt: Date;
}): Omit<ResourceRecord, "roles"> => ({ ...row, originSystem: row.originSystem as ResourceRecord["originSystem"] });

const toPolicy = (row: {
  id: string;
  tenantId: string;
  accessPackageId: string;
  displayName: string;
  description: string;
  allowedTargetScope: string;
  settings: string;
  createdAt: Date;
  updatedAt: Date;
}): PolicyRecord => ({
  ...row,
  allowedTargetScope: row.allowedTargetScope as PolicyRecord["allowedTargetScope"],
  settings: parse(row.settings, {} as PolicyRecord["settings"]),
});

const toOrganization = (row: {
  id: string;
  tenantId: string;
  displayName: string;
  description: string;
  state: string;
  identitySources: string;
  createdAt: Date;
  updatedAt: Date;
}): ConnectedOrganizationRecord => {
  const { identitySources, ...rest } = row;
  return { ...rest, identitySources: parse(identitySources, []) };
};

const subjectSelect = { id: true, displayName: true, email: true } as const;
const requestWhere = (filter: RequestFilter): Prisma.AccessPackageAssignmentRequestWhereInput => ({
  [filter.property]: filter.value,
});
const assignmentWhere = (filter: AssignmentFilter): Prisma.AccessPackageAssignmentWhereInput => ({
  [filter.property]: filter.value,
});

type RequestRow = Prisma.AccessPackageAssignmentRequestGetPayload<object>;
type AssignmentRow = Prisma.AccessPackageAssignmentGetPayload<object>;
type Subject = { id: string; displayName: string | null; email: string | null };

/** Requests and assignments name their person by id (no foreign key: the person may be deleted); read them in one query. */
async function subjectsOf(client: Tx, tenantId: string, ids: (string | null)[]): Promise<Map<string, Subject>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const rows = wanted.length
    ? await client.guest.findMany({ where: { tenantId, id: { in: wanted } }, select: subjectSelect })
    : [];
  return new Map(rows.map((row) => [row.id, row]));
}

const toRequest = (row: RequestRow, subjects: Map<string, Subject>): RequestRecord => ({
  id: row.id,
  tenantId: row.tenantId,
  accessPackageId: row.accessPackageId,
  policyId: row.policyId,
  requestType: row.requestType,
  state: row.state as RequestRecord["state"],
  status: row.status,
  justification: row.justification,
  createdAt: row.createdAt,
  completedAt: row.completedAt,
  assignmentId: row.assignmentId,
  target: row.targetGuestId
    ? (subjects.get(row.targetGuestId) ?? { id: row.targetGuestId, displayName: null, email: row.targetEmail })
    : null,
  targetEmail: row.targetEmail,
  requestorId: row.requestorId,
  requestor:
    row.requestorIssuer && row.requestorSubject && row.targetEmail
      ? { issuer: row.requestorIssuer, subject: row.requestorSubject, email: row.targetEmail }
      : null,
  locale: row.locale,
  failureReason: row.failureReason,
  schedule: parse(row.schedule, {}),
  startsAt: row.startsAt,
  answers: parse(row.answers, []),
});

type StageRow = Prisma.AccessPackageApprovalStageGetPayload<object>;
const toStage = (row: StageRow): StageRecord => ({
  ...row,
  status: row.status as StageRecord["status"],
  reviewResult: row.reviewResult as StageRecord["reviewResult"],
  settings: parse(row.settings, {
    durationBeforeAutomaticDenial: "P14D",
    isApproverJustificationRequired: false,
    primaryApprovers: [],
    fallbackPrimaryApprovers: [],
  }),
});
const personSelect = { id: true, email: true, displayName: true, userType: true, state: true } as const;

const toAssignment = (row: AssignmentRow, subjects: Map<string, Subject>): AssignmentRecord => ({
  id: row.id,
  tenantId: row.tenantId,
  accessPackageId: row.accessPackageId,
  policyId: row.policyId,
  state: row.state as AssignmentRecord["state"],
  status: row.status,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  expiredAt: row.expiredAt,
  target: subjects.get(row.targetGuestId) ?? { id: row.targetGuestId, displayName: null, email: null },
  schedule: parse(row.schedule, {}),
});

const resourceInclude = { roles: { orderBy: { originId: "asc" as const } } };
const scopeInclude = { role: { include: { resource: true } } };

function reads(client: Tx): EntitlementReads {
  return {
    ...lifecycleReads(
      client,
      async (rows) => {
        const byTenant = new Map<string, Map<string, Subject>>();
        for (const tenantId of new Set(rows.map((row) => row.tenantId)))
          byTenant.set(
            tenantId,
            await subjectsOf(
              client,
              tenantId,
              rows.filter((row) => row.tenantId === tenantId).map((row) => row.targetGuestId),
            ),
          );
        return rows.map((row) => toAssignment(row, byTenant.get(row.tenantId)!));
      },
      (rows) => rows.map(toStage),
    ),
    async listCatalogs(tenantId, query) {
      return (await client.accessPackageCatalog.findMany({
        where: { AND: [{ tenantId }, ...query.filters.map(catalogWhere), ...after(query)] },
        ...keyset(query),
      })) as CatalogRecord[];
    },
    async findCatalog(tenantId, id) {
      return (await client.accessPackageCatalog.findFirst({ where: { id, tenantId } })) as CatalogRecord | null;
    },
    async listResources(tenantId, catalogId, query) {
      const rows = await client.accessPackageResource.findMany({
        where: { AND: [{ tenantId, catalogId }, ...after(query)] },
        include: resourceInclude,
        ...keyset(query),
      });
      return rows.map((row) => ({ ...toResource(row), roles: row.roles }));
    },
    async findResource(tenantId, catalogId, originSystem, originId) {
      const row = await client.accessPackageResource.findFirst({
        where: { tenantId, catalogId, originSystem, originId },
        include: resourceInclude,
      });
      return row && { ...toResource(row), roles: row.roles };
    },
    async listResourceRoles(tenantId, catalogId, query) {
      const rows = await client.accessPackageResourceRole.findMany({
        where: { AND: [{ tenantId, resource: { catalogId } }, ...query.filters.map(roleWhere), ...after(query)] },
        include: { resource: true },
        ...keyset(query),
      });
      return rows.map((row) => ({ ...row, resource: toResource(row.resource) }));
    },
    async findResourceRole(tenantId, id) {
      const row = await client.accessPackageResourceRole.findFirst({ where: { id, tenantId }, include: { resource: true } });
      return row && { ...row, resource: toResource(row.resource) };
    },
    async listPackages(tenantId, query) {
      return client.accessPackage.findMany({
        where: { AND: [{ tenantId }, ...query.filters.map(packageWhere), ...after(query)] },
        ...keyset(query),
      }) as Promise<AccessPackageRecord[]>;
    },
    async findPackage(tenantId, id) {
      return client.accessPackage.findFirst({ where: { id, tenantId } });
    },
    countPackagesInCatalog: (tenantId, catalogId) => client.accessPackage.count({ where: { tenantId, catalogId } }),
    async listRoleScopes(tenantId, accessPackageId) {
      const rows = await client.accessPackageResourceRoleScope.findMany({
        where: { tenantId, accessPackageId },
        include: scopeInclude,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(({ role: { resource, ...role }, ...scope }) => ({
        id: scope.id,
        accessPackageId: scope.accessPackageId,
        createdAt: scope.createdAt,
        role,
        resource: toResource(resource),
      }));
    },
    countScopesOfResource: (resourceId) => client.accessPackageResourceRoleScope.count({ where: { role: { resourceId } } }),
    async countActive(of) {
      const [held, open] = await Promise.all([
        client.accessPackageAssignment.count({ where: { ...of, state: "delivered" } }),
        client.accessPackageAssignmentRequest.count({ where: { ...of, state: { in: OPEN_REQUEST_STATES } } }),
      ]);
      return held + open;
    },
    async listConnectedOrganizations(tenantId, query) {
      const rows = await client.connectedOrganization.findMany({
        where: { AND: [{ tenantId }, ...query.filters.map(catalogWhere), ...after(query)] },
        ...keyset(query),
      });
      return rows.map(toOrganization);
    },
    async findConnectedOrganization(tenantId, id) {
      const row = await client.connectedOrganization.findFirst({ where: { id, tenantId } });
      return row && toOrganization(row);
    },
    async listOrganizationSponsors(tenantId, organizationId, kind, after, take) {
      const rows = await client.connectedOrganizationSponsor.findMany({
        where: { tenantId, organizationId, kind, ...(after ? { guestId: { gt: after } } : {}) },
        orderBy: { guestId: "asc" },
        take,
        select: { guest: { select: personSelect } },
      });
      return rows.map((row) => row.guest);
    },
    isOrganizationSponsor: async (organizationId, kind, guestId) =>
      (await client.connectedOrganizationSponsor.count({ where: { organizationId, kind, guestId } })) > 0,
    async organizationSponsorIds(tenantId, organizationIds, kind) {
      if (!organizationIds.length) return [];
      const rows = await client.connectedOrganizationSponsor.findMany({
        where: { tenantId, kind, organizationId: { in: [...organizationIds] } },
        orderBy: { guestId: "asc" },
        select: { guestId: true },
      });
      return [...new Set(rows.map((row) => row.guestId))];
    },
    async listPolicies(tenantId, query) {
      const rows = await client.accessPackageAssignmentPolicy.findMany({
        where: { AND: [{ tenantId }, ...query.filters.map(policyWhere), ...after(query)] },
        ...keyset(query),
      });
      return rows.map(toPolicy);
    },
    async findPolicy(tenantId, id) {
      const row = await client.accessPackageAssignmentPolicy.findFirst({ where: { id, tenantId } });
      return row && toPolicy(row);
    },
    // Ids are GUIDs written lower-case in the settings JSON: a substring names them exactly.
    countPoliciesNaming: (tenantId, id) =>
      client.accessPackageAssignmentPolicy.count({ where: { tenantId, settings: { contains: `"${id}"` } } }),
    async settings(tenantId) {
      const row = await client.entitlementManagementSettings.findUnique({ where: { tenantId } });
      return row
        ? {
            externalUserLifecycleAction: row.externalUserLifecycleAction,
            durationUntilExternalUserDeletedAfterBlocked: row.durationUntilExternalUserDeletedAfterBlocked,
          }
        : { ...DEFAULT_SETTINGS };
    },
    async findDirectoryResource(tenantId, originSystem, id): Promise<DirectoryResource | null> {
      if (originSystem === "AadGroup") {
        const group = await client.group.findFirst({ where: { id, tenantId } });
        return (
          group && {
            id: group.id,
            displayName: group.displayName,
            description: group.description ?? "",
            roles: [
              { originId: `Member_${group.id}`, displayName: "Member", description: "" },
              { originId: `Owner_${group.id}`, displayName: "Owner", description: "" },
            ],
          }
        );
      }
      const app = await client.application.findFirst({ where: { id, tenantId } });
      if (!app) return null;
      const roles = parse<Record<string, unknown>[]>(app.appRoles, []).filter(
        (role) => typeof role === "object" && role !== null && role.isEnabled !== false,
      );
      return {
        id: app.id,
        displayName: app.name,
        description: "",
        roles: roles.map((role) => ({
          originId: appRoleId(app.clientId, {
            id: typeof role.id === "string" ? role.id : null,
            value: typeof role.value === "string" ? role.value : null,
          }),
          displayName: String(role.displayName ?? role.value ?? ""),
          description: String(role.description ?? ""),
        })),
      };
    },
    userExists: async (tenantId, id) => (await client.guest.count({ where: { id, tenantId } })) > 0,
    groupExists: async (tenantId, id) => (await client.group.count({ where: { id, tenantId } })) > 0,
    findSubject: (tenantId, guestId) => client.guest.findFirst({ where: { id: guestId, tenantId }, select: subjectSelect }),
    async listRequests(tenantId, query) {
      const rows = await client.accessPackageAssignmentRequest.findMany({
        where: { AND: [{ tenantId }, ...query.filters.map(requestWhere), ...after(query)] },
        ...keyset(query),
      });
      const subjects = await subjectsOf(
        client,
        tenantId,
        rows.map((row) => row.targetGuestId),
      );
      return rows.map((row) => toRequest(row, subjects));
    },
    async findRequest(tenantId, id) {
      const row = await client.accessPackageAssignmentRequest.findFirst({ where: { id, tenantId } });
      return row && toRequest(row, await subjectsOf(client, tenantId, [row.targetGuestId]));
    },
    async listAssignments(tenantId, query) {
      const rows = await client.accessPackageAssignment.findMany({
        where: { AND: [{ tenantId }, ...query.filters.map(assignmentWhere), ...after(query)] },
        ...keyset(query),
      });
      const subjects = await subjectsOf(
        client,
        tenantId,
        rows.map((row) => row.targetGuestId),
      );
      return rows.map((row) => toAssignment(row, subjects));
    },
    async findAssignment(tenantId, id) {
      const row = await client.accessPackageAssignment.findFirst({ where: { id, tenantId } });
      return row && toAssignment(row, await subjectsOf(client, tenantId, [row.targetGuestId]));
    },
    async listStages(tenantId, requestId) {
      const rows = await client.accessPackageApprovalStage.findMany({
        where: { tenantId, requestId },
        orderBy: { sequence: "asc" },
      });
      return rows.map(toStage);
    },
    async stagesInProgress(tenantId, take) {
      const rows = await client.accessPackageApprovalStage.findMany({
        where: { tenantId, status: "InProgress" },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        take,
      });
      return rows.map(toStage);
    },
    findPerson: (tenantId, id) => client.guest.findFirst({ where: { id, tenantId }, select: personSelect }),
    findPersonByEmail: (tenantId, email) =>
      client.guest.findFirst({ where: { tenantId, email: email.toLowerCase() }, select: personSelect }),
    isGroupMember: async (tenantId, groupId, guestId) =>
      (await client.groupMember.count({ where: { tenantId, groupId, guestId } })) > 0,
    groupHasMembers: async (tenantId, groupId) => (await client.groupMember.count({ where: { tenantId, groupId } })) > 0,
    async sponsorsOf(tenantId, guestId) {
      const rows = await client.userSponsor.findMany({
        where: { tenantId, guestId },
        select: { sponsor: { select: { id: true, userType: true } } },
        orderBy: { sponsorId: "asc" },
      });
      return rows.map((row) => row.sponsor);
    },
    async managerOf(tenantId, guestId) {
      const row = await client.userManager.findFirst({ where: { tenantId, guestId }, select: { managerId: true } });
      return row?.managerId ?? null;
    },
    async organizationsOfDomain(tenantId, domain) {
      const rows = await client.connectedOrganization.findMany({
        where: { tenantId, primaryDomain: domain.toLowerCase() },
        orderBy: { id: "asc" },
      });
      return rows.map(toOrganization);
    },
    async dueStages(now, take) {
      const rows = await client.accessPackageApprovalStage.findMany({
        where: { status: "InProgress", dueAt: { lte: now } },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
        take,
      });
      return rows.map(toStage);
    },
    dueScheduled: (now, take) =>
      client.accessPackageAssignmentRequest.findMany({
        where: { state: "scheduled", startsAt: { lte: now } },
        select: { id: true, tenantId: true },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take,
      }),
    async dueAssignments(now, take) {
      const rows = await client.accessPackageAssignment.findMany({
        where: { state: "delivered", expiresAt: { lte: now } },
        orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
        take,
      });
      const byTenant = new Map<string, Map<string, Subject>>();
      for (const tenantId of new Set(rows.map((row) => row.tenantId)))
        byTenant.set(
          tenantId,
          await subjectsOf(
            client,
            tenantId,
            rows.filter((row) => row.tenantId === tenantId).map((row) => row.targetGuestId),
          ),
        );
      return rows.map((row) => toAssignment(row, byTenant.get(row.tenantId)!));
    },
  };
}

function unit(tx: Tx): EntitlementUnit {
  return {
    ...reads(tx),
    ...lifecycleWrites(tx),
    createCatalog: (tenantId, input) =>
      tx.accessPackageCatalog.create({ data: { tenantId, ...input } }) as Promise<CatalogRecord>,
    async updateCatalog(id, changes) {
      await tx.accessPackageCatalog.update({ where: { id }, data: changes });
    },
    async deleteCatalog(id) {
      await tx.accessPackageCatalog.delete({ where: { id } });
    },
    async addResource(tenantId, catalogId, originSystem, resource) {
      const row = await tx.accessPackageResource.create({
        data: {
          tenantId,
          catalogId,
          originSystem,
          originId: resource.id,
          displayName: resource.displayName,
          description: resource.description,
          roles: { create: resource.roles.map((role) => ({ tenantId, ...role })) },
        },
        include: resourceInclude,
      });
      return { ...toResource(row), roles: row.roles };
    },
    async removeResource(id) {
      await tx.accessPackageResource.delete({ where: { id } });
    },
    createPackage: (tenantId, catalogId, input) => tx.accessPackage.create({ data: { tenantId, catalogId, ...input } }),
    async updatePackage(id, changes) {
      await tx.accessPackage.update({ where: { id }, data: changes });
    },
    async deletePackage(id) {
      // Its ended history goes with it (the audit log keeps the trail); policies and role scopes cascade.
      await tx.accessPackageAssignmentRequest.deleteMany({ where: { accessPackageId: id } });
      await tx.accessPackageAssignment.deleteMany({ where: { accessPackageId: id } });
      await tx.accessPackage.delete({ where: { id } });
    },
    async addRoleScope(tenantId, accessPackageId, roleId) {
      return (await tx.accessPackageResourceRoleScope.create({ data: { tenantId, accessPackageId, roleId } })).id;
    },
    async removeRoleScope(accessPackageId, id) {
      return (await tx.accessPackageResourceRoleScope.deleteMany({ where: { id, accessPackageId } })).count > 0;
    },
    async createConnectedOrganization(tenantId, input) {
      const row = await tx.connectedOrganization.create({
        data: { tenantId, displayName: input.displayName, ...organizationData(input) },
      });
      return toOrganization(row);
    },
    async updateConnectedOrganization(id, changes) {
      await tx.connectedOrganization.update({ where: { id }, data: organizationData(changes) });
    },
    async deleteConnectedOrganization(id) {
      await tx.connectedOrganization.delete({ where: { id } });
    },
    async addOrganizationSponsor(tenantId, organizationId, kind, guestId) {
      await tx.connectedOrganizationSponsor.create({ data: { tenantId, organizationId, kind, guestId } });
    },
    async removeOrganizationSponsor(organizationId, kind, guestId) {
      await tx.connectedOrganizationSponsor.delete({
        where: { organizationId_kind_guestId: { organizationId, kind, guestId } },
      });
    },
    async createPolicy(tenantId, input) {
      return toPolicy(await tx.accessPackageAssignmentPolicy.create({ data: { tenantId, ...policyData(input) } }));
    },
    async replacePolicy(id, input) {
      await tx.accessPackageAssignmentPolicy.update({ where: { id }, data: policyData(input) });
    },
    async deletePolicy(id) {
      await tx.accessPackageAssignmentRequest.deleteMany({ where: { policyId: id } });
      await tx.accessPackageAssignment.deleteMany({ where: { policyId: id } });
      await tx.accessPackageAssignmentPolicy.delete({ where: { id } });
    },
    async saveSettings(tenantId, settings) {
      await tx.entitlementManagementSettings.upsert({ where: { tenantId }, create: { tenantId, ...settings }, update: settings });
    },
    async createAssignment(record) {
      const { schedule, ...rest } = record;
      return (await tx.accessPackageAssignment.create({ data: { ...rest, schedule: JSON.stringify(schedule) } })).id;
    },
    async createRequest(record) {
      const { schedule, answers, ...rest } = record;
      return (
        await tx.accessPackageAssignmentRequest.create({
          data: {
            ...rest,
            schedule: JSON.stringify(schedule),
            answers: JSON.stringify(answers ?? []),
            ...deliveryStart(record.state),
          },
        })
      ).id;
    },
    async updateRequest(id, from, changes) {
      const { schedule, ...rest } = changes;
      const { count } = await tx.accessPackageAssignmentRequest.updateMany({
        where: { id, state: { in: [...from] } },
        data: { ...rest, ...(schedule ? { schedule: JSON.stringify(schedule) } : {}), ...deliveryStart(changes.state) },
      });
      return count > 0;
    },
    async createStage(record) {
      const { settings, ...rest } = record;
      return (
        await tx.accessPackageApprovalStage.create({
          data: { ...rest, settings: JSON.stringify(settings), escalateAt: escalateAtOf(settings, record.startedAt) },
        })
      ).id;
    },
    // One conditional UPDATE: on PostgreSQL the second of two concurrent decisions waits for the
    // first's row lock, then finds the status changed and updates nothing (read committed re-checks).
    async updateStage(id, from, changes) {
      // A stage that starts gets its escalation time from the settings it copied.
      const starting = changes.startedAt
        ? await tx.accessPackageApprovalStage.findUnique({ where: { id }, select: { settings: true } })
        : null;
      const escalateAt = starting ? { escalateAt: escalateAtOf(parse(starting.settings, {}), changes.startedAt!) } : {};
      const { count } = await tx.accessPackageApprovalStage.updateMany({
        where: { id, status: from },
        data: { ...changes, ...escalateAt },
      });
      return count > 0;
    },
    async updateAssignment(id, from, changes) {
      const { schedule, ...rest } = changes;
      const { count } = await tx.accessPackageAssignment.updateMany({
        where: { id, state: from },
        data: { ...rest, ...(schedule ? { schedule: JSON.stringify(schedule) } : {}) },
      });
      return count > 0;
    },
    async revokeGroupMembership(tenantId, groupId, guestId) {
      return (await tx.groupMember.deleteMany({ where: { tenantId, groupId, guestId } })).count > 0;
    },
    async revokeGroupOwnership(tenantId, groupId, guestId) {
      return (await tx.groupOwner.deleteMany({ where: { tenantId, groupId, guestId } })).count > 0;
    },
    async revokeAppRole(tenantId, applicationId, appRoleId, guestId) {
      return (await tx.appRoleAssignment.deleteMany({ where: { tenantId, applicationId, appRoleId, guestId } })).count > 0;
    },
    async grantGroupMembership(tenantId, groupId, guestId) {
      if (await tx.groupMember.findUnique({ where: { groupId_guestId: { groupId, guestId } } })) return false;
      await tx.groupMember.create({ data: { tenantId, groupId, guestId } });
      return true;
    },
    async grantGroupOwnership(tenantId, groupId, guestId) {
      if (await tx.groupOwner.findUnique({ where: { groupId_guestId: { groupId, guestId } } })) return false;
      await tx.groupOwner.create({ data: { tenantId, groupId, guestId } });
      return true;
    },
    async grantAppRole(tenantId, applicationId, appRoleId, guestId) {
      const key = { guestId_applicationId_appRoleId: { guestId, applicationId, appRoleId } };
      if (await tx.appRoleAssignment.findUnique({ where: key })) return false;
      await tx.appRoleAssignment.create({ data: { id: randomAssignmentId(), tenantId, guestId, applicationId, appRoleId } });
      return true;
    },
    audit: auditLogOn(tx),
  };
}

/** When an escalating stage that starts at `startedAt` goes to its escalation approvers. */
function escalateAtOf(settings: Partial<StageSettings>, startedAt: Date | null): Date | null {
  if (!startedAt || !settings.isEscalationEnabled || !settings.durationBeforeEscalation) return null;
  return addDuration(startedAt, settings.durationBeforeEscalation);
}

/** Entering `delivering` is stamped, so the lifecycle job can tell a delivery a stopped process left behind. */
const deliveryStart = (state: string | undefined) => (state === "delivering" ? { deliveryStartedAt: new Date() } : {});

const policyData = (input: Parameters<EntitlementUnit["createPolicy"]>[1]) => ({
  accessPackageId: input.accessPackageId,
  displayName: input.displayName,
  description: input.description,
  allowedTargetScope: input.allowedTargetScope,
  settings: JSON.stringify(input.settings),
});

function organizationData(input: Partial<Parameters<EntitlementUnit["createConnectedOrganization"]>[1]>) {
  const { identitySources, ...rest } = input;
  if (!identitySources) return rest;
  return {
    ...rest,
    identitySources: JSON.stringify(identitySources),
    primaryDomain: identitySources[0]?.domainName.toLowerCase() ?? null,
  };
}

// Opaque like the directory's own app-role assignment ids (directory/groups/assignments.ts).
const randomAssignmentId = () => randomBytes(32).toString("base64url");
