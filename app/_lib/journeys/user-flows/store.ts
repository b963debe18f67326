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

export interface UserFlowStore {
  /** The flow assigned to an application, as stored. */
  assigned(tenantId: string, clientId: string): Promise<{ name: string; definition: string } | null>;
  list(tenantId: string): Promise<UserFlowRow[]>;
  transaction<T>(work: (unit: UserFlowUnit) => Promise<T>): Promise<T>;
}
