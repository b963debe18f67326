import { DirectoryError, mayAct, mayConfigure, type Actor } from "../directory";
import { ACTIVITIES, KNOWN_TYPES, PREFIXES, prefixesWhere, type PrefixDefaults } from "./activities";
import { browseAudit, type AuditBrowsePage, type AuditBrowseQuery } from "./browse";
import { auditEventId, directoryAudit, type DirectoryAudit } from "./directory-audit";
import type { AuditPosition, AuditReadStore, AuditWhere } from "./store";

/** One `$filter` clause the audit log answers; clauses are ANDed (contract §8, "Audit records"). */
export type AuditFilter =
  | { property: "activityDateTime"; op: "eq" | "gt" | "ge" | "lt" | "le"; value: Date }
  | { property: "activityDisplayName"; op: "eq" | "startsWith"; value: string }
  | {
      property:
        | "category"
        | "loggedByService"
        | "correlationId"
        | "id"
        | "initiatedBy/user/id"
        | "initiatedBy/app/appId"
        | "targetResources/id";
      op: "eq";
      value: string;
    };

export interface AuditListQuery {
  filters: readonly AuditFilter[];
  order: "asc" | "desc";
  top: number;
  after?: AuditPosition;
}

export interface AuditPage {
  items: DirectoryAudit[];
  /** The last item's position when more may follow. */
  next?: AuditPosition;
}

export interface AuditReadService {
  list(actor: Actor, tenantId: string, query: AuditListQuery): Promise<AuditPage>;
  /** By event id or Graph id (`GG_<event id>`); another tenant's event is not found. */
  get(actor: Actor, tenantId: string, id: string): Promise<DirectoryAudit>;
  /**
   * The newest events about one guest (sign-ins, changes). Whoever may read the guest may read its
   * trail (a Guest Inviter or User Administrator opens the guest's page), not the whole log.
   */
  guestTrail(actor: Actor, tenantId: string, guestId: string, top: number): Promise<GuestTrailEntry[]>;
  /** The admin portal's view: the stored events (to be worded in the admin's language), filtered and paged. */
  browse(actor: Actor, tenantId: string, query: AuditBrowseQuery): Promise<AuditBrowsePage>;
}

/** One event of a guest's own trail, as the admin portal shows it (in the administrator's language). */
export interface GuestTrailEntry {
  id: string;
  /** The event type (`guest.blocked`): the portal words it from its messages. */
  type: string;
  at: Date;
  actor: { type: string; id: string | null };
  /** Names the event lists (changed attributes), never values. */
  names: string[];
}

export const AUDIT_READ_PERMISSIONS = ["AuditLog.Read.All"] as const;
const MAX_TOP = 999;

export function createAuditReadService(ports: { store: AuditReadStore }): AuditReadService {
  function authorize(actor: Actor) {
    // Graph's AuditLog.Read.All; delegated, Entra lets Global Administrators and Directory Readers read it.
    if (!mayConfigure(actor, false, { read: AUDIT_READ_PERMISSIONS, write: [] }))
      throw new DirectoryError("forbidden", `${actor.type} may not read the audit log`);
  }
  return {
    async list(actor, tenantId, query) {
      authorize(actor);
      if (!Number.isInteger(query.top) || query.top < 1 || query.top > MAX_TOP)
        throw new DirectoryError("invalid", `top: 1 to ${MAX_TOP}`);
      const records = await ports.store.list(tenantId, {
        where: { all: query.filters.map(auditWhere) },
        order: query.order,
        ...(query.after ? { after: query.after } : {}),
        take: query.top + 1,
      });
      const page = records.slice(0, query.top);
      const last = page.at(-1);
      return {
        items: page.map(directoryAudit),
        ...(records.length > query.top && last ? { next: { at: last.createdAt, id: last.id } } : {}),
      };
    },
    async guestTrail(actor, tenantId, guestId, top) {
      if (!mayAct(actor, "read", guestId)) throw new DirectoryError("forbidden", `${actor.type} may not read this guest`);
      if (!Number.isInteger(top) || top < 1 || top > 100) throw new DirectoryError("invalid", "top: 1 to 100");
      const records = await ports.store.list(tenantId, {
        where: { all: [{ column: "targetId", in: [guestId] }] },
        order: "desc",
        take: top,
      });
      return records.map((record) => ({
        id: record.id,
        type: record.type,
        at: record.createdAt,
        actor: { type: record.actorType ?? "system", id: record.actorId },
        names: listedNames(record.data),
      }));
    },
    async get(actor, tenantId, id) {
      authorize(actor);
      const record = await ports.store.find(tenantId, auditEventId(id));
      if (!record) throw new DirectoryError("notFound", id);
      return directoryAudit(record);
    },
    browse: (actor, tenantId, query) => browseAudit(ports.store, actor, tenantId, query),
  };
}

const typeIn = (types: readonly string[]): AuditWhere => ({ column: "type", in: types });
const unknownType: AuditWhere = { not: typeIn(KNOWN_TYPES) };
const withPrefix = (prefixes: readonly string[]): AuditWhere => ({
  any: prefixes.map((prefix) => ({ column: "type", startsWith: `${prefix}.` })),
});
const knownWhere = (keep: (type: string) => boolean) => KNOWN_TYPES.filter(keep);

/** Types not in the table whose prefix defaults `keep` accepts (an unlisted prefix has the Other defaults). */
function unknownWhere(keep: (defaults: PrefixDefaults) => boolean): AuditWhere {
  const { prefixes, unlisted } = prefixesWhere(keep);
  const byPrefix: AuditWhere[] = [withPrefix(prefixes)];
  if (unlisted) byPrefix.push({ not: withPrefix(Object.keys(PREFIXES)) });
  return { all: [unknownType, { any: byPrefix }] };
}

/** A clause over a derived value becomes the set of types (and, for unknown types, prefixes) that derive it. */
export function auditWhere(filter: AuditFilter): AuditWhere {
  switch (filter.property) {
    case "activityDateTime":
      return { column: "createdAt", op: filter.op, value: filter.value };
    case "id":
      return { column: "id", in: [auditEventId(filter.value)] };
    case "correlationId":
      return { column: "correlationId", in: [filter.value] };
    case "targetResources/id":
      return { column: "targetId", in: [filter.value] };
    case "initiatedBy/user/id":
      return {
        all: [
          { column: "actorType", in: ["guest", "administrator"] },
          { column: "actorId", in: [filter.value] },
        ],
      };
    case "initiatedBy/app/appId":
      return {
        all: [
          { column: "actorType", in: ["application"] },
          { column: "actorId", in: [filter.value] },
        ],
      };
    case "category":
      return {
        any: [
          typeIn(knownWhere((type) => ACTIVITIES[type]!.category === filter.value)),
          unknownWhere((defaults) => defaults.category === filter.value),
        ],
      };
    case "activityDisplayName": {
      // An unknown type's activity is the type itself (activities.ts).
      if (filter.op === "eq")
        return {
          any: [
            typeIn(knownWhere((type) => ACTIVITIES[type]!.displayName === filter.value)),
            { all: [unknownType, typeIn([filter.value])] },
          ],
        };
      const start = filter.value.toLowerCase();
      return {
        any: [
          typeIn(knownWhere((type) => ACTIVITIES[type]!.displayName.toLowerCase().startsWith(start))),
          { all: [unknownType, { column: "type", startsWith: filter.value }] },
        ],
      };
    }
    case "loggedByService":
      return loggedBy(filter.value);
  }
}

function loggedBy(service: string): AuditWhere {
  const clauses: AuditWhere[] = [];
  const plain: string[] = [];
  for (const type of KNOWN_TYPES) {
    const activity = ACTIVITIES[type]!;
    const variants = Object.entries(activity.serviceByCreatedVia ?? {});
    if (variants.length === 0) {
      if (activity.loggedByService === service) plain.push(type);
      continue;
    }
    const via = (value: string): AuditWhere => ({ column: "data", contains: `"createdVia":${JSON.stringify(value)}` });
    const matching = variants.filter(([, logged]) => logged === service).map(([value]) => via(value));
    if (matching.length) clauses.push({ all: [typeIn([type]), { any: matching }] });
    // Without a listed createdVia, the type's own service.
    if (activity.loggedByService === service)
      clauses.push({ all: [typeIn([type]), { not: { any: variants.map(([value]) => via(value)) } }] });
  }
  return { any: [typeIn(plain), ...clauses, unknownWhere((defaults) => defaults.loggedByService === service)] };
}

/** The attribute names an event's data lists (`attributes`, `removed`); anything else is not shown. */
function listedNames(data: string): string[] {
  try {
    const parsed = JSON.parse(data) as Record<string, unknown>;
    return ["attributes", "removed"].flatMap((key) => {
      const value = parsed[key];
      return Array.isArray(value) ? value.filter((name): name is string => typeof name === "string") : [];
    });
  } catch {
    return [];
  }
}
