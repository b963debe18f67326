import type { AuditLog } from "../../directory";

/**
 * What the user-flow service needs from storage: rows, no rules. A flow's definition is its entry of
 * the imported file, as text; parsing and checking against the tenant are the service's.
 */
export interface UserFlowRow {
  id: string;
  tenantId: string;
  name: string;
  definition: string;
  applications: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface UserFlowUnit {
  flows(tenantId: string): Promise<{ id: string; name: string; definition: string }[]>;
  upsert(tenantId: string, name: string, definition: string): Promise<{ id: string }>;
  /** The tenant's app → flow assignments become exactly these. */
  replaceAssignments(tenantId: string, assignments: { clientId: string; userFlowId: string }[]): Promise<void>;
  audit: AuditLog;
}

export interface UserFlowStore extends UserFlowEditStore {
  /** The flow assigned to an application, as stored. */
  assigned(tenantId: string, clientId: string): Promise<{ name: string; definition: string } | null>;
  list(tenantId: string): Promise<UserFlowRow[]>;
  transaction<T>(work: (unit: UserFlowUnit) => Promise<T>): Promise<T>;
}

/** One stored flow as the editing verbs read it: `updatedAt` is what a write is conditional on. */
export interface UserFlowRecord {
  id: string;
  name: string;
  definition: string;
  applications: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** An entry of the tenant's custom attribute catalog (`identity/userFlowAttributes`). */
export interface CustomAttributeRow {
  id: string;
  tenantId: string;
  name: string;
  /** "string" | "boolean" | "int64" (contract §4.2). */
  dataType: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The editing verbs' unit of work: one flow's row, read and written back conditionally. */
export interface UserFlowEditUnit {
  flow(tenantId: string, name: string): Promise<UserFlowRecord | null>;
  flows(tenantId: string): Promise<{ id: string; name: string; definition: string }[]>;
  create(tenantId: string, name: string, definition: string): Promise<UserFlowRecord>;
  /** Writes only when the row still has `expectedUpdatedAt`; false when someone wrote in between. */
  updateDefinition(id: string, expectedUpdatedAt: Date, definition: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Which flow each of these apps starts now (apps of no flow are left out). */
  assignmentsOf(tenantId: string, clientIds: readonly string[]): Promise<{ clientId: string; userFlowId: string }[]>;
  /** The flow's app assignments become exactly these. */
  replaceFlowAssignments(tenantId: string, userFlowId: string, clientIds: readonly string[]): Promise<void>;
  customAttributes(tenantId: string): Promise<CustomAttributeRow[]>;
  createCustomAttribute(
    tenantId: string,
    fields: { name: string; dataType: string; description: string },
  ): Promise<CustomAttributeRow>;
  updateCustomAttribute(id: string, description: string): Promise<CustomAttributeRow>;
  deleteCustomAttribute(id: string): Promise<void>;
  audit: AuditLog;
}

export interface UserFlowEditStore {
  editTransaction<T>(work: (unit: UserFlowEditUnit) => Promise<T>): Promise<T>;
}
