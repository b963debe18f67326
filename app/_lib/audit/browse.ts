import { DirectoryError, mayConfigure, type Actor } from "../directory";
import type { AuditPosition, AuditReadStore, AuditRecord, AuditWhere } from "./store";

/** The admin portal's audit filters: each one given narrows the list; all on the (tenantId, createdAt, id) index. */
export interface AuditBrowseQuery {
  actorId?: string;
  type?: string;
  targetId?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
  /** Newest first, strictly older than this event. */
  after?: AuditPosition;
  top: number;
}

export interface AuditBrowsePage {
  records: AuditRecord[];
  next?: AuditPosition;
}

/**
 * The roles that read the audit log in the portal: as the portal's `audit.read` (Global and User
 * Administrators, Directory Readers). Applications read it through Graph (AuditLog.Read.All).
 */
const PORTAL_READERS = { read: ["globalAdministrator", "userAdministrator", "directoryReader"], write: [] } as const;
const MAX_TOP = 200;

/** Newest first, one page after another by keyset; the tenant's events only. */
export async function browseAudit(
  store: AuditReadStore,
  actor: Actor,
  tenantId: string,
  query: AuditBrowseQuery,
): Promise<AuditBrowsePage> {
  if (actor.type !== "system" && actor.type !== "administrator")
    throw new DirectoryError("forbidden", `${actor.type} may not browse the audit log`);
  if (!mayConfigure(actor, false, { read: [], write: [], roles: PORTAL_READERS }))
    throw new DirectoryError("forbidden", "this role may not read the audit log");
  if (!Number.isInteger(query.top) || query.top < 1 || query.top > MAX_TOP)
    throw new DirectoryError("invalid", `top: 1 to ${MAX_TOP}`);
  const all: AuditWhere[] = [];
  if (query.actorId) all.push({ column: "actorId", in: [query.actorId] });
  if (query.type) all.push({ column: "type", in: [query.type] });
  if (query.targetId) all.push({ column: "targetId", in: [query.targetId] });
  if (query.from) all.push({ column: "createdAt", op: "ge", value: query.from });
  if (query.before) all.push({ column: "createdAt", op: "lt", value: query.before });
  const records = await store.list(tenantId, {
    where: { all },
    order: "desc",
    ...(query.after ? { after: query.after } : {}),
    take: query.top + 1,
  });
  const page = records.slice(0, query.top);
  const last = page.at(-1);
  return { records: page, ...(records.length > query.top && last ? { next: { at: last.createdAt, id: last.id } } : {}) };
}
