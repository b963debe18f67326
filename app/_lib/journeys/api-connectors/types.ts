import type { AuditLog } from "../../directory";

/** The two moments of Entra's workforce API connectors (contract §6.1), by their Graph names. */
export const CONNECTOR_STEPS = ["postFederationSignup", "postAttributeCollection"] as const;
export type ConnectorStep = (typeof CONNECTOR_STEPS)[number];

/** A flow's `apiConnectors` entry: which connector (by id) runs at each step. */
export type FlowConnectors = Partial<Record<ConnectorStep, string>>;

export const CONNECTOR_FAILURE_MODES = ["block", "continue"] as const;
export type ConnectorFailureMode = (typeof CONNECTOR_FAILURE_MODES)[number];

export const DEFAULT_TIMEOUT_MS = 1000;
export const MAX_TIMEOUT_MS = 2000;
/** Entra refuses larger answers (1003024); so do we, counted while they stream. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface CertificateInfo {
  thumbprint: string;
  /** Unix seconds, as Graph's certificateList shows them. */
  notBefore: number;
  notAfter: number;
}

/** One connector as stored; the secret stays sealed until a call needs it. */
export interface ApiConnectorRow {
  id: string;
  tenantId: string;
  displayName: string;
  targetUrl: string;
  authType: "basic" | "certificate" | "none";
  username: string;
  secretSealed: string;
  certificate: string;
  timeoutMs: number;
  maxRetries: number;
  onFailure: ConnectorFailureMode;
  createdAt: Date;
  updatedAt: Date;
}

export type ApiConnectorFields = Omit<ApiConnectorRow, "id" | "tenantId" | "createdAt" | "updatedAt">;

export interface ApiConnectorUnit {
  get(tenantId: string, id: string): Promise<ApiConnectorRow | null>;
  create(tenantId: string, id: string, fields: ApiConnectorFields): Promise<ApiConnectorRow>;
  update(tenantId: string, id: string, fields: Partial<ApiConnectorFields>): Promise<ApiConnectorRow>;
  remove(tenantId: string, id: string): Promise<void>;
  audit: AuditLog;
}

export interface ApiConnectorStore {
  list(tenantId: string): Promise<ApiConnectorRow[]>;
  get(tenantId: string, id: string): Promise<ApiConnectorRow | null>;
  transaction<T>(work: (unit: ApiConnectorUnit) => Promise<T>): Promise<T>;
}

/** The secret a call needs, opened from `secretSealed`. */
export type ConnectorSecret =
  { type: "basic"; password: string } | { type: "certificate"; pkcs12: string; password: string } | { type: "none" };
