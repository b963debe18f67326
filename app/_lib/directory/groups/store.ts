import type { RelationReads, RelationWrites } from "./relations-store";
import type { AuditLog } from "../audit";

/** A group as the store keeps it (Graph `group`, contract §3.1). */
export interface GroupRecord {
  id: string;
  tenantId: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  createdAt: Date;
}

export type NewGroup = Omit<GroupRecord, "id" | "tenantId" | "createdAt">;
export type GroupChanges = Partial<NewGroup>;

/** A user member of a group, as Graph lists it. */
export interface MemberRecord {
  id: string;
  displayName: string | null;
  email: string | null;
  userType: string;
}

/** A member of a group as a directoryObject: a user, or a nested group (contract §3.1). */
export type MemberObject = ({ type: "user" } & MemberRecord) | ({ type: "group" } & GroupRecord);

/** What `$filter` on groups may ask, already translated from Graph's AST by the route. */
export type GroupFilter =
  { property: "displayName"; op: "eq" | "startsWith"; value: string } | { property: "id"; op: "in"; values: string[] };

export interface GroupListQuery {
  filters: GroupFilter[];
  /** Keyset position: rows strictly after (displayName, id). */
  after?: { displayName: string; id: string };
  take: number;
}

/** One app role of an application, its id already resolved (oidc clients' `appRoleId`). */
export interface ResourceRole {
  id: string;
  value: string | null;
  isEnabled: boolean;
}

export interface ResourceApplication {
  id: string;
  clientId: string;
  name: string;
  roles: ResourceRole[];
}

export interface AppRoleAssignmentRecord {
  id: string;
  /** "User" for a user's assignment, "Group" for a group's (contract §3.2 principalType). */
  principalType: "User" | "Group";
  /** The user's or the group's id. */
  guestId: string;
  guestDisplayName: string | null;
  applicationId: string;
  applicationName: string;
  appRoleId: string;
  createdAt: Date;
}

export interface GroupReads extends RelationReads {
  findGroup(tenantId: string, id: string): Promise<GroupRecord | null>;
  listGroups(tenantId: string, query: GroupListQuery): Promise<GroupRecord[]>;
  /** The guest's id and display name, or null when it is not in the tenant. */
  findUser(tenantId: string, id: string): Promise<MemberRecord | null>;
  listMembers(tenantId: string, groupId: string, after: string | undefined, take: number): Promise<MemberRecord[]>;
  isMember(groupId: string, guestId: string): Promise<boolean>;
  /** The groups a guest is a direct member of, by id. */
  listMemberOf(tenantId: string, guestId: string, after: string | undefined, take: number): Promise<GroupRecord[]>;
  /** Ids of the groups that are direct members of any of `parentIds` (one level down). */
  childGroupIds(tenantId: string, parentIds: readonly string[]): Promise<string[]>;
  /** Ids of the groups that any of `childIds` is a direct member of (one level up). */
  parentGroupIds(tenantId: string, childIds: readonly string[]): Promise<string[]>;
  /** Every group a guest is a direct member of, ids only. */
  directGroupIds(tenantId: string, guestId: string): Promise<string[]>;
  /** The groups of `ids` that are in the tenant (any order). */
  findGroups(tenantId: string, ids: readonly string[]): Promise<GroupRecord[]>;
  /** Groups nested directly in `groupId`, by id, after `after`. */
  listMemberGroups(tenantId: string, groupId: string, after: string | undefined, take: number): Promise<GroupRecord[]>;
  isNested(parentId: string, childId: string): Promise<boolean>;
  /** Distinct users who are direct members of any of `groupIds`, by id, after `after`. */
  listUsersInGroups(
    tenantId: string,
    groupIds: readonly string[],
    after: string | undefined,
    take: number,
  ): Promise<MemberRecord[]>;
  listOwners(tenantId: string, groupId: string, after: string | undefined, take: number): Promise<MemberRecord[]>;
  isOwner(groupId: string, guestId: string): Promise<boolean>;
  listGroupAssignments(tenantId: string, groupId: string): Promise<AppRoleAssignmentRecord[]>;
  findGroupAssignment(tenantId: string, groupId: string, id: string): Promise<AppRoleAssignmentRecord | null>;
  /** By Application.id, in the tenant. */
  findApplication(tenantId: string, id: string): Promise<ResourceApplication | null>;
  listAssignments(tenantId: string, guestId: string): Promise<AppRoleAssignmentRecord[]>;
  findAssignment(tenantId: string, guestId: string, id: string): Promise<AppRoleAssignmentRecord | null>;
}

export interface GroupUnit extends GroupReads, RelationWrites {
  createGroup(tenantId: string, group: NewGroup): Promise<GroupRecord>;
  updateGroup(groupId: string, changes: GroupChanges): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  addMembers(tenantId: string, groupId: string, guestIds: readonly string[]): Promise<void>;
  removeMember(groupId: string, guestId: string): Promise<void>;
  addNestedGroups(tenantId: string, parentId: string, childIds: readonly string[]): Promise<void>;
  /**
   * Holds the tenant's nesting graph until the unit ends, before a cycle check reads it: two units
   * that nest A into B and B into A would otherwise each read the graph without the other's edge
   * (PostgreSQL's READ COMMITTED) and both commit a cycle.
   */
  lockNesting(tenantId: string): Promise<void>;
  removeNestedGroup(parentId: string, childId: string): Promise<void>;
  addOwner(tenantId: string, groupId: string, guestId: string): Promise<void>;
  removeOwner(groupId: string, guestId: string): Promise<void>;
  createGroupAssignment(record: {
    id: string;
    tenantId: string;
    groupId: string;
    applicationId: string;
    appRoleId: string;
  }): Promise<void>;
  deleteGroupAssignment(id: string): Promise<void>;
  createAssignment(record: {
    id: string;
    tenantId: string;
    guestId: string;
    applicationId: string;
    appRoleId: string;
  }): Promise<void>;
  deleteAssignment(id: string): Promise<void>;
  audit: AuditLog;
}

/** Plain reads and writes; the service decides. A unique violation leaves as UniqueConflict. */
export interface GroupStore extends GroupReads {
  transaction<T>(work: (unit: GroupUnit) => Promise<T>): Promise<T>;
}
