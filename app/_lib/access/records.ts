import type { AuditLog } from "../directory";
import type { AnswerRecord } from "./answers";
import type { AllowedTargetScope, AssignmentState, RequestState, SubjectSet } from "./graph-types";
import type { LifecycleReads, LifecycleWrites } from "./lifecycle-records";

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
/** Graph's connectedOrganization `internalSponsors` (this directory's people) or `externalSponsors`. */
export type SponsorKind = "internal" | "external";

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
  /** Keyset backwards (a portal's "previous"): rows with id before this one, nearest first. */
  before?: string;
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

/**
 * Someone My Access identified by a proven address who is not yet in the directory: the identity
 * as the rest of the product keys it (issuer, subject; for the passcode the subject is the address).
 */
export interface OutsiderIdentity {
  issuer: string;
  subject: string;
  email: string;
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
  /** The directory user it is for; null while the person is only an address (targetEmail). */
  target: SubjectRecord | null;
  targetEmail: string | null;
  requestorId: string | null;
  /** The proven identity of a requestor not yet in the directory (My Access), linked to the guest at delivery. */
  requestor: OutsiderIdentity | null;
  /** The language the request was filed in (My Access), or null. */
  locale: string | null;
  failureReason: string | null;
  schedule: Record<string, unknown>;
  /** The requestor's own start (schedule.startDateTime in the future): delivered then, `scheduled` until. */
  startsAt: Date | null;
  /** Graph accessPackageAnswerString, each with the question as it was when the request was filed. */
  answers: AnswerRecord[];
}

/** The stage settings a request copies from its policy when it is filed (contract §7.2). */
export interface StageSettings {
  durationBeforeAutomaticDenial: string;
  isApproverJustificationRequired: boolean;
  primaryApprovers: SubjectSet[];
  fallbackPrimaryApprovers: SubjectSet[];
  /** Escalation (policy-settings.ts fills these in; stages copied before it existed lack them). */
  isEscalationEnabled?: boolean;
  durationBeforeEscalation?: string;
  escalationApprovers?: SubjectSet[];
  fallbackEscalationApprovers?: SubjectSet[];
}

/** NotStarted → InProgress → Completed (decided), or Expired (no one decided in time). */
export type StageStatus = "NotStarted" | "InProgress" | "Completed" | "Expired";
export type ReviewResult = "NotReviewed" | "Approve" | "Deny";

/** One approval stage of a request (Graph accessPackageApprovalStage). */
export interface StageRecord {
  id: string;
  tenantId: string;
  requestId: string;
  sequence: number;
  status: StageStatus;
  reviewResult: ReviewResult;
  reviewedById: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  justification: string;
  settings: StageSettings;
  startedAt: Date | null;
  dueAt: Date | null;
  /** When the stage was escalated to its escalation approvers; null before (or without escalation). */
  escalatedAt?: Date | null;
}

/** A directory user as the request rules see them. */
export interface PersonRecord {
  id: string;
  email: string | null;
  displayName: string | null;
  userType: string;
  state: string;
}

export interface AssignmentRecord {
  id: string;
  tenantId: string;
  accessPackageId: string;
  policyId: string;
  state: AssignmentState;
  status: string;
  createdAt: Date;
  expiresAt: Date | null;
  expiredAt: Date | null;
  target: SubjectRecord;
  schedule: Record<string, unknown>;
}

export type RequestFilter = {
  property: "state" | "requestType" | "id" | "accessPackageId" | "targetGuestId" | "targetEmail";
  value: string;
};
export type AssignmentFilter = { property: "targetGuestId" | "accessPackageId" | "policyId" | "state" | "id"; value: string };

export interface EntitlementReads extends LifecycleReads {
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
  /**
   * What stops a package or a policy from being deleted: its delivered assignments and its requests
   * still on their way (submitted, waiting for approval, scheduled, being delivered).
   */
  countActive(of: { accessPackageId: string } | { policyId: string }): Promise<number>;
  listConnectedOrganizations(tenantId: string, query: ListQuery<CatalogFilter>): Promise<ConnectedOrganizationRecord[]>;
  findConnectedOrganization(tenantId: string, id: string): Promise<ConnectedOrganizationRecord | null>;
  /** A connected organisation's internal or external sponsors, by id, from `after` on. */
  listOrganizationSponsors(
    tenantId: string,
    organizationId: string,
    kind: SponsorKind,
    after: string | undefined,
    take: number,
  ): Promise<PersonRecord[]>;
  isOrganizationSponsor(organizationId: string, kind: SponsorKind, guestId: string): Promise<boolean>;
  /** The ids of the internal or external sponsors of any of these organisations (approval stages). */
  organizationSponsorIds(tenantId: string, organizationIds: readonly string[], kind: SponsorKind): Promise<string[]>;
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
  listStages(tenantId: string, requestId: string): Promise<StageRecord[]>;
  /** The tenant's stages in progress, oldest first (whose approvers are asked now). */
  stagesInProgress(tenantId: string, take: number): Promise<StageRecord[]>;
  findPerson(tenantId: string, id: string): Promise<PersonRecord | null>;
  /** The directory user with this address (lower-cased), or null. */
  findPersonByEmail(tenantId: string, email: string): Promise<PersonRecord | null>;
  isGroupMember(tenantId: string, groupId: string, guestId: string): Promise<boolean>;
  groupHasMembers(tenantId: string, groupId: string): Promise<boolean>;
  /** The user's sponsors (Graph `users/{id}/sponsors`), with whether each is a Member or a Guest. */
  sponsorsOf(tenantId: string, guestId: string): Promise<{ id: string; userType: string }[]>;
  /** The user's manager's id (Graph `users/{id}/manager`), or null. */
  managerOf(tenantId: string, guestId: string): Promise<string | null>;
  /** The connected organisations of the tenant whose domain identity source is this domain. */
  organizationsOfDomain(tenantId: string, domain: string): Promise<ConnectedOrganizationRecord[]>;
  /** In-progress stages of every tenant whose time ran out (the denial job), oldest first. */
  dueStages(now: Date, take: number): Promise<StageRecord[]>;
  /** `scheduled` requests of every tenant whose start has come (the lifecycle job delivers them), oldest first. */
  dueScheduled(now: Date, take: number): Promise<{ id: string; tenantId: string }[]>;
  /** Delivered assignments of every tenant whose end has come (the expiry job), oldest first. */
  dueAssignments(now: Date, take: number): Promise<AssignmentRecord[]>;
}

export interface EntitlementUnit extends EntitlementReads, LifecycleWrites {
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
  addOrganizationSponsor(tenantId: string, organizationId: string, kind: SponsorKind, guestId: string): Promise<void>;
  removeOrganizationSponsor(organizationId: string, kind: SponsorKind, guestId: string): Promise<void>;
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
    expiresAt: Date | null;
  }): Promise<string>;
  createRequest(record: {
    tenantId: string;
    accessPackageId: string;
    policyId: string;
    requestType: string;
    state: RequestState;
    status: string;
    targetGuestId: string | null;
    targetEmail: string | null;
    requestorId: string | null;
    requestorIssuer?: string | null;
    requestorSubject?: string | null;
    locale?: string | null;
    assignmentId: string | null;
    justification: string;
    schedule: Record<string, unknown>;
    completedAt: Date | null;
    answers?: AnswerRecord[];
    startsAt?: Date | null;
  }): Promise<string>;
  /** Changes the request only while its state is one of `from`; false when it was not. */
  updateRequest(
    id: string,
    from: readonly RequestState[],
    changes: Partial<{
      state: RequestState;
      status: string;
      completedAt: Date | null;
      assignmentId: string;
      targetGuestId: string;
      failureReason: string | null;
      schedule: Record<string, unknown>;
    }>,
  ): Promise<boolean>;
  createStage(
    record: Omit<StageRecord, "id" | "reviewedById" | "reviewedByName" | "reviewedAt" | "justification" | "reviewResult">,
  ): Promise<string>;
  /** Changes the stage only while its status is `from`: of two decisions at once, one changes it. */
  updateStage(
    id: string,
    from: StageStatus,
    changes: Partial<
      Pick<
        StageRecord,
        "status" | "reviewResult" | "reviewedById" | "reviewedByName" | "reviewedAt" | "justification" | "startedAt" | "dueAt"
      >
    >,
  ): Promise<boolean>;
  /** Changes the assignment only while its state is `from`. */
  updateAssignment(
    id: string,
    from: AssignmentState,
    changes: Partial<{
      state: AssignmentState;
      status: string;
      expiredAt: Date;
      expiresAt: Date | null;
      schedule: Record<string, unknown>;
    }>,
  ): Promise<boolean>;
  /** Each grant is added unless the person already has it; true when it was added. */
  grantGroupMembership(tenantId: string, groupId: string, guestId: string): Promise<boolean>;
  grantGroupOwnership(tenantId: string, groupId: string, guestId: string): Promise<boolean>;
  grantAppRole(tenantId: string, applicationId: string, appRoleId: string, guestId: string): Promise<boolean>;
  /** Each removal is skipped when the person does not have it; true when it was removed. */
  revokeGroupMembership(tenantId: string, groupId: string, guestId: string): Promise<boolean>;
  revokeGroupOwnership(tenantId: string, groupId: string, guestId: string): Promise<boolean>;
  revokeAppRole(tenantId: string, applicationId: string, appRoleId: string, guestId: string): Promise<boolean>;
  audit: AuditLog;
}

/** Plain reads and writes; the service decides. A unique violation leaves as the directory's UniqueConflict. */
export interface EntitlementStore extends EntitlementReads {
  transaction<T>(work: (unit: EntitlementUnit) => Promise<T>): Promise<T>;
}
