import type { AuditEventInput } from "../../directory";
import type { ClientType, GrantType } from "../ports";
import type { LocalizedNames } from "./localized-names";

/**
 * The port behind the Graph `applications` resource (contract §2): whole application rows with
 * their Graph-only fields and secret metadata, keyset paged. app/_lib/db implements it on Prisma.
 */
export type RedirectPlatform = "web" | "spa" | "publicClient";

export interface StoredAppRole {
  /** Absent on rows written before app roles had ids: derived on read (see appRoleId). */
  id?: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: ("User" | "Application")[];
  /** Absent: enabled (rows written before Graph). */
  isEnabled?: boolean;
}

export interface StoredSecret {
  id: string;
  displayName: string | null;
  hint: string;
  expiresAt: Date;
  createdAt: Date;
}

export interface StoredApplication {
  id: string;
  tenantId: string;
  clientId: string;
  name: string;
  clientType: ClientType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: GrantType[];
  appRoles: StoredAppRole[];
  permissions: string[];
  redirectUriPlatforms: Record<string, RedirectPlatform>;
  homePageUrl: string | null;
  logoutUrl: string | null;
  groupMembershipClaims: string;
  /** ApplicationRecord.claimsByScope (false when unset). */
  claimsByScope?: boolean;
  /** ApplicationRecord.localizedDisplayNames ({} when unset). */
  localizedDisplayNames?: LocalizedNames;
  createdAt: Date;
  /** The row's last change: the optimistic-concurrency token of updates and the ETag. */
  updatedAt: Date;
  secrets: StoredSecret[];
}

export type ApplicationFields = Omit<StoredApplication, "id" | "tenantId" | "clientId" | "createdAt" | "updatedAt" | "secrets">;

export interface ApplicationFilter {
  field: "name" | "clientId";
  op: "eq" | "startsWith";
  value: string;
}

export interface ApplicationDirectoryStore {
  find(tenantId: string, key: { id: string } | { clientId: string }): Promise<StoredApplication | null>;
  /** Ordered by id; `after`: the id of the last row of the previous page. */
  page(tenantId: string, query: { filter?: ApplicationFilter; after?: string; take: number }): Promise<StoredApplication[]>;
  /** null when the client id is taken (unique across tenants). */
  create(
    row: ApplicationFields & { tenantId: string; clientId: string },
    audit: AuditEventInput,
  ): Promise<StoredApplication | null>;
  /** Writes only if the row is still as of `expectedUpdatedAt` (one conditional update); false otherwise. */
  update(id: string, expectedUpdatedAt: Date, fields: Partial<ApplicationFields>, audit: AuditEventInput): Promise<boolean>;
  /** The app-role ids assigned to anyone (users or groups) on this application. */
  assignedRoleIds(applicationId: string): Promise<string[]>;
  /** Secrets and role assignments go with it (foreign keys cascade). */
  delete(id: string, audit: AuditEventInput): Promise<void>;
  addSecret(
    secret: { id: string; applicationId: string; hash: string; hint: string; displayName: string | null; expiresAt: Date },
    fields: Partial<ApplicationFields>,
    audit: AuditEventInput,
  ): Promise<StoredSecret>;
  /** false when the application has no such secret. */
  removeSecret(applicationId: string, secretId: string, audit: AuditEventInput): Promise<boolean>;
}
