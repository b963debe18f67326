import type { AuditLog } from "../directory";
import type { AllowedTargetScope, AssignmentState, RequestState } from "./graph-types";

/** Rows as the entitlement store keeps them (contract §7.2 shapes are made from these). */
export interface CatalogRecord {
  id: string;
  tenantId: string;
  displayName: string;
  description: string;
  catalogType: string;
  state: string;
  isExternallyVisible: boolean;
  createdAt: Date;
  updatedAt: Date;
}
export type CatalogInput = Pick<CatalogRecord, "displayName" | "description" | "catalogType" | "state" | "isExternallyVisible">;

export interface ResourceRoleRecord {
  id: string;
  resourceId: string;
  originId: string;
  displayName: string;
  description: string;
}

export interface ResourceRecord {
  id: string;
  tenantId: string;
  catalogId: string;
  originSystem: "AadGroup" | "AadApplication";
  originId: string;
  displayName: string;
  description: string;
  createdAt: Date;
  roles: ResourceRoleRecord[];
}

export interface AccessPackageRecord {
  id: string;
  tenantId: string;
  catalogId: string;
  displayName: string;
  description: string;
  isHidden: boolean;
  createdAt: Date;
  updatedAt: Date;
}
export type AccessPackageInput = Pick<AccessPackageRecord, "displayName" | "description" | "isHidden">;

/** A resource role scope with the role and its resource, as Graph expands them. */
export interface RoleScopeRecord {
  id: string;
  accessPackageId: string;
  createdAt: Date;
  role: ResourceRoleRecord;
  resource: Omit<ResourceRecord, "roles">;
}

export interface ConnectedOrganizationRecord {
  id: string;
  tenantId: string;
  displayName: string;
  description: string;
  state: string;
  identitySources: { "@odata.type": string; domainName: string; displayName: string }[];
  createdAt: Date;
  updatedAt: Date;
}
export type ConnectedOrganizationInput = Pick<
  ConnectedOrganizationRecord,
  "displayName" | "description" | "state" | "identitySources"
>;

/** A policy's nested settings, in Graph's shapes, stored as one JSON value. */
export interface PolicySettings {
  specificAllowedTargets: unknown[];
  automaticRequestSettings: unknown;
  expiration: unknown;
  requestorSettings: unknown;
  requestApprovalSettings: unknown;
  questions: unknown[];
}

export interface PolicyRecord {
  id: string;
  tenantId: string;
  accessPackageId: string;
  displayName: string;
  description: string;
  allowedTargetScope: AllowedTargetScope;
  settings: PolicySettings;
  createdAt: Date;
  updatedAt: Date;
}
export type PolicyInput = Pick<
  PolicyRecord,
  "accessPackageId" | "displayName" | "description" | "allowedTargetScope" | "settings"
>;

export interface EntitlementSettingsRecord {
  externalUserLifecycleAction: string;
  durationUntilExternalUserDeletedAfterBlocked: string;
}

/** A group or an application of the tenant, as a catalog resource is made from it. */
export interface DirectoryResource {
  id: string;
  displayName: string;
  description: string;
  /** Groups: Member and Owner; applications: their enabled app roles (ids as Graph's appRoleId). */
  roles: { originId: string; displayName: string; description: string }[];
}

export interface ListQuery<F = never> {
  filters: F[];
  /** Keyset: rows with id after this one. */
  after?: string;
  take: number;
}

export type PackageFilter = { property: "catalogId" | "id" | "displayName"; value: string };
export type PolicyFilter = { property: "accessPackageId" | "id"; value: string };
export type RoleFilter = { property: "originSystem" | "resourceId" | "originId"; value: string };
export type CatalogFilter = { property: "displayName" | "id" | "state"; value: string };

/** The person a request or an assignment is for (Graph accessPackageSubject). */
export interface SubjectRecord {
  id: string;
  displayName: string | null;
  email: string | null;
}

export interface RequestRecord {
  id: string;
  tenantId: string;
  accessPackageId: string;
  policyId: string;
  requestType: string;
  state: RequestState;
  status: string;
  justification: string;
  createdAt: Date;
  completedAt: Date | null;
  assignmentId: string | null;
  target: SubjectRecord | null;
  schedule: Record<string, unknown>;
}

export interface AssignmentRecord {
  id: string;
  tenantId: string;
  accessPackageId: string;
  policyId: string;
  state: AssignmentState;
  status: string;
  createdAt: Date;
  expiredAt: Date | null;
  target: SubjectRecord;
  schedule: Record<string, unknown>;
}

export type RequestFilter = { property: "state" | "requestType" | "id" | "accessPackageId"; value: string };
export type AssignmentFilter = { property: "targetGuestId" | "accessPackageId" | "policyId" | "state" | "id"; value: string };

export interface EntitlementReads {
  listCatalogs(tenantId: string, query: ListQuery<CatalogFilter>): Promise<CatalogRecord[]>;
  findCatalog(tenantId: string, id: string): Promise<CatalogRecord | null>;
  listResources(tenantId: string, catalogId: string, query: ListQuery): Promise<ResourceRecord[]>;
  findResource(tenantId: string, catalogId: string, originSystem: string, originId: string): Promise<ResourceRecord | null>;
  listResourceRoles(
    tenantId: string,
    catalogId: string,
    query: ListQuery<RoleFilter>,
  ): Promise<(ResourceRoleRecord & { resource: Omit<ResourceRecord, "roles"> })[]>;
  findResourceRole(
    tenantId: string,
    id: string,
  ): Promise<(ResourceRoleRecord & { resource: Omit<ResourceRecord, "roles"> }) | null>;
  listPackages(tenantId: string, query: ListQuery<PackageFilter>): Promise<AccessPackageRecord[]>;
  findPackage(tenantId: string, id: string): Promise<AccessPackageRecord | null>;
  countPackagesInCatalog(tenantId: string, catalogId: string): Promise<number>;
  listRoleScopes(tenantId: string, accessPackageId: string): Promise<RoleScopeRecord[]>;
  countScopesOfResource(resourceId: string): Promise<number>;
  countAssignmentsOfPackage(accessPackageId: string): Promise<number>;
  listConnectedOrganizations(tenantId: string, query: ListQuery<CatalogFilter>): Promise<ConnectedOrganizationRecord[]>;
  findConnectedOrganization(tenantId: string, id: string): Promise<ConnectedOrganizationRecord | null>;
  listPolicies(tenantId: string, query: ListQuery<PolicyFilter>): Promise<PolicyRecord[]>;
  findPolicy(tenantId: string, id: string): Promise<PolicyRecord | null>;
  /** Policies whose settings name `id` (a connected organisation, a user, a group). */
  countPoliciesNaming(tenantId: string, id: string): Promise<number>;
  settings(tenantId: string): Promise<EntitlementSettingsRecord>;
  /** The tenant's group or application of this id, or null. */
  findDirectoryResource(
    tenantId: string,
    originSystem: "AadGroup" | "AadApplication",
    id: string,
  ): Promise<DirectoryResource | null>;
  /** Whether a user (guest or member) of this id is in the tenant. */
  userExists(tenantId: string, id: string): Promise<boolean>;
  groupExists(tenantId: string, id: string): Promise<boolean>;
  findSubject(tenantId: string, guestId: string): Promise<SubjectRecord | null>;
  listRequests(tenantId: string, query: ListQuery<RequestFilter>): Promise<RequestRecord[]>;
  findRequest(tenantId: string, id: string): Promise<RequestRecord | null>;
  listAssignments(tenantId: string, query: ListQuery<AssignmentFilter>): Promise<AssignmentRecord[]>;
  findAssignment(tenantId: string, id: string): Promise<AssignmentRecord | null>;
}

export interface EntitlementUnit extends EntitlementReads {
  createCatalog(tenantId: string, input: CatalogInput): Promise<CatalogRecord>;
  updateCatalog(id: string, changes: Partial<CatalogInput>): Promise<void>;
  deleteCatalog(id: string): Promise<void>;
  addResource(
    tenantId: string,
    catalogId: string,
    originSystem: "AadGroup" | "AadApplication",
    resource: DirectoryResource,
  ): Promise<ResourceRecord>;
  removeResource(id: string): Promise<void>;
  createPackage(tenantId: string, catalogId: string, input: AccessPackageInput): Promise<AccessPackageRecord>;
  updatePackage(id: string, changes: Partial<AccessPackageInput>): Promise<void>;
  deletePackage(id: string): Promise<void>;
  addRoleScope(tenantId: string, accessPackageId: string, roleId: string): Promise<string>;
  removeRoleScope(accessPackageId: string, id: string): Promise<boolean>;
  createConnectedOrganization(tenantId: string, input: ConnectedOrganizationInput): Promise<ConnectedOrganizationRecord>;
  updateConnectedOrganization(id: string, changes: Partial<ConnectedOrganizationInput>): Promise<void>;
  deleteConnectedOrganization(id: string): Promise<void>;
  createPolicy(tenantId: string, input: PolicyInput): Promise<PolicyRecord>;
  replacePolicy(id: string, input: PolicyInput): Promise<void>;
  deletePolicy(id: string): Promise<void>;
  saveSettings(tenantId: string, settings: EntitlementSettingsRecord): Promise<void>;
  createAssignment(record: {
    tenantId: string;
    accessPackageId: string;
    policyId: string;
    targetGuestId: string;
    state: AssignmentState;
    status: string;
    schedule: Record<string, unknown>;
  }): Promise<string>;
  createRequest(record: {
    tenantId: string;
    accessPackageId: string;
    policyId: string;
    requestType: string;
    state: RequestState;
    status: string;
    targetGuestId: string;
    assignmentId: string;
    justification: string;
    schedule: Record<string, unknown>;
    completedAt: Date;
  }): Promise<string>;
  /** Each grant is added unless the person already has it; true when it was added. */
  grantGroupMembership(tenantId: string, groupId: string, guestId: string): Promise<boolean>;
  grantGroupOwnership(tenantId: string, groupId: string, guestId: string): Promise<boolean>;
  grantAppRole(tenantId: string, applicationId: string, appRoleId: string, guestId: string): Promise<boolean>;
  audit: AuditLog;
}

/** Plain reads and writes; the service decides. A unique violation leaves as the directory's UniqueConflict. */
export interface EntitlementStore extends EntitlementReads {
  transaction<T>(work: (unit: EntitlementUnit) => Promise<T>): Promise<T>;
}
