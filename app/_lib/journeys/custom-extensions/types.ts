import type { AuditLog } from "../../directory";
import type { ConnectorFailureMode } from "../api-connectors/types";

/** Entra's four custom-authentication-extension events Guestgate runs (graph-contracts §6.2), by their Graph names. */
export const EXTENSION_EVENTS = [
  "onAttributeCollectionStart",
  "onAttributeCollectionSubmit",
  "onOtpSend",
  "onTokenIssuanceStart",
] as const;
export type ExtensionEvent = (typeof EXTENSION_EVENTS)[number];

/** The events a user flow names an extension for; token issuance is attached per application by a listener. */
export const FLOW_EXTENSION_EVENTS = ["onAttributeCollectionStart", "onAttributeCollectionSubmit", "onOtpSend"] as const;
export type FlowExtensionEvent = (typeof FLOW_EXTENSION_EVENTS)[number];

/** A flow's `customAuthenticationExtensions` entry (Graph: `guestgateCustomAuthenticationExtensions`, §8). */
export type FlowExtensions = Partial<Record<FlowExtensionEvent, string>>;

/** Entra's window for clientConfiguration.timeoutInMilliseconds (§6.2): 200–2000, default 1000. */
export const MIN_EXTENSION_TIMEOUT_MS = 200;
/** All claim ids and values of one token-issuance answer together (Entra 1003025). */
export const MAX_TOKEN_CLAIMS_BYTES = 3 * 1024;

export interface CustomExtensionRow {
  id: string;
  tenantId: string;
  eventType: ExtensionEvent;
  displayName: string;
  description: string;
  targetUrl: string;
  resourceId: string;
  timeoutMs: number;
  maxRetries: number;
  onFailure: ConnectorFailureMode;
  /** claimsForTokenConfiguration: the claim ids of an answer that may reach a token (token issuance only). */
  tokenClaims: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type CustomExtensionFields = Omit<CustomExtensionRow, "id" | "tenantId" | "createdAt" | "updatedAt">;

/** onTokenIssuanceStartListener: the applications whose tokens call the extension. */
export interface EventListenerRow {
  id: string;
  tenantId: string;
  eventType: "onTokenIssuanceStart";
  extensionId: string;
  appIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type EventListenerFields = Pick<EventListenerRow, "extensionId" | "appIds">;

export interface CustomExtensionUnit {
  create(tenantId: string, id: string, fields: CustomExtensionFields): Promise<CustomExtensionRow>;
  update(tenantId: string, id: string, fields: Partial<CustomExtensionFields>): Promise<CustomExtensionRow>;
  remove(tenantId: string, id: string): Promise<void>;
  createListener(tenantId: string, id: string, fields: EventListenerFields): Promise<EventListenerRow>;
  updateListener(tenantId: string, id: string, fields: Partial<EventListenerFields>): Promise<EventListenerRow>;
  removeListener(tenantId: string, id: string): Promise<void>;
  audit: AuditLog;
}

export interface CustomExtensionStore {
  list(tenantId: string): Promise<CustomExtensionRow[]>;
  get(tenantId: string, id: string): Promise<CustomExtensionRow | null>;
  listeners(tenantId: string): Promise<EventListenerRow[]>;
  listener(tenantId: string, id: string): Promise<EventListenerRow | null>;
  transaction<T>(work: (unit: CustomExtensionUnit) => Promise<T>): Promise<T>;
}
