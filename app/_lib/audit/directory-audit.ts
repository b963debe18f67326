import { activityOf, prefixDefaults, serviceOf, type AuditTargetKind } from "./activities";
import type { AuditRecord } from "./store";

/** Graph's directoryAudit (contract §8, "Audit records"). */
export interface DirectoryAudit {
  id: string;
  category: string;
  correlationId: string | null;
  result: "success";
  resultReason: string;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  operationType: string;
  initiatedBy: {
    user: { id: string; displayName: string | null; userPrincipalName: string | null; ipAddress: string | null } | null;
    app: {
      appId: string | null;
      displayName: string | null;
      servicePrincipalId: string | null;
      servicePrincipalName: string | null;
    } | null;
  };
  targetResources: {
    id: string;
    displayName: string | null;
    type: AuditTargetKind;
    userPrincipalName: string | null;
    modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[];
  }[];
  additionalDetails: { key: string; value: string }[];
}

/** Graph ids of audit records carry a prefix so they never look like a directory object's id. */
export const AUDIT_ID_PREFIX = "GG_";
export const auditEventId = (graphId: string) =>
  graphId.startsWith(AUDIT_ID_PREFIX) ? graphId.slice(AUDIT_ID_PREFIX.length) : graphId;

const TARGET_KINDS: Readonly<Record<string, AuditTargetKind>> = {
  guest: "User",
  user: "User",
  group: "Group",
  application: "App",
  servicePrincipal: "App",
  userFlow: "Policy",
  userFlows: "Policy",
  userFlowAttribute: "Policy",
  directoryRole: "Role",
  signingKey: "Directory",
  tenant: "Directory",
};

/**
 * Data fields that list changed property names. Events hold names, never values
 * (app/_lib/directory/audit.ts), so both values are unknown: `newValue` "" says "set", null "removed".
 */
const CHANGED_NAMES = ["attributes", "changed", "properties", "removed"];

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function initiatedBy(record: AuditRecord): DirectoryAudit["initiatedBy"] {
  const id = record.actorId ?? "";
  const displayName = record.actorDisplayName ?? null;
  const ipAddress = record.actorIpAddress ?? null;
  switch (record.actorType) {
    case "guest":
    case "administrator":
      return { user: { id, displayName, userPrincipalName: null, ipAddress }, app: null };
    case "application":
      // Graph's app has no address field: an application's address is not shown.
      return { user: null, app: { appId: id, displayName, servicePrincipalId: null, servicePrincipalName: displayName } };
    case "system":
      return {
        user: null,
        app: { appId: null, displayName: `Guestgate ${id}`, servicePrincipalId: null, servicePrincipalName: null },
      };
    default:
      return { user: null, app: null };
  }
}

function modifiedProperties(data: Record<string, unknown>): DirectoryAudit["targetResources"][number]["modifiedProperties"] {
  const out: DirectoryAudit["targetResources"][number]["modifiedProperties"] = [];
  for (const field of CHANGED_NAMES) {
    const names = data[field];
    if (!Array.isArray(names)) continue;
    for (const name of names)
      if (typeof name === "string") out.push({ displayName: name, oldValue: null, newValue: field === "removed" ? null : "" });
  }
  // A state change says both sides where the event records them (guest.blocked: previousState).
  if (typeof data.previousState === "string" || typeof data.state === "string")
    out.push({
      displayName: "state",
      oldValue: typeof data.previousState === "string" ? JSON.stringify(data.previousState) : null,
      newValue: typeof data.state === "string" ? JSON.stringify(data.state) : null,
    });
  return out;
}

/** Scalars of the data become keyValue pairs; lists and objects are the modified properties or too big to show. */
function additionalDetails(data: Record<string, unknown>): DirectoryAudit["additionalDetails"] {
  return Object.entries(data)
    .filter(
      ([key, value]) => key !== "state" && key !== "previousState" && ["string", "number", "boolean"].includes(typeof value),
    )
    .map(([key, value]) => ({ key, value: String(value) }));
}

export function directoryAudit(record: AuditRecord): DirectoryAudit {
  const data = parseData(record.data);
  const activity = activityOf(record.type);
  const targetKind = record.targetType ? (TARGET_KINDS[record.targetType] ?? "Other") : prefixDefaults(record.type).target;
  return {
    id: `${AUDIT_ID_PREFIX}${record.id}`,
    category: activity.category,
    correlationId: record.correlationId,
    result: "success",
    resultReason: "",
    activityDisplayName: activity.displayName,
    activityDateTime: record.createdAt.toISOString(),
    loggedByService: serviceOf(record.type, data),
    operationType: activity.operationType,
    initiatedBy: initiatedBy(record),
    targetResources: record.targetId
      ? [
          {
            id: record.targetId,
            displayName: null,
            type: targetKind,
            userPrincipalName: null,
            modifiedProperties: modifiedProperties(data),
          },
        ]
      : [],
    additionalDetails: additionalDetails(data),
  };
}
