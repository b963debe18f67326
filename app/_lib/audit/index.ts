// The audit module: reading the tenant's audit log as Graph's directoryAudit (contract §8). The
// events are written by every module's services in their own transactions (app/_lib/directory/audit.ts);
// this module only reads them. Domain code: no framework, no database client.
export {
  ACTIVITIES,
  KNOWN_TYPES,
  PREFIXES,
  activityOf,
  serviceOf,
  type Activity,
  type AuditOperation,
  type AuditTargetKind,
} from "./activities";
export { directoryAudit, auditEventId, AUDIT_ID_PREFIX, type DirectoryAudit } from "./directory-audit";
export {
  createAuditReadService,
  auditWhere,
  AUDIT_READ_PERMISSIONS,
  type AuditReadService,
  type AuditFilter,
  type AuditListQuery,
  type AuditPage,
  type GuestTrailEntry,
} from "./service";
export type { AuditBrowsePage, AuditBrowseQuery } from "./browse";
export type { AuditReadStore, AuditRecord, AuditWhere, AuditColumn, AuditPosition } from "./store";
