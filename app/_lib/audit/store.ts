/**
 * The audit reader's port: a small condition tree over the AuditEvent columns that the Prisma
 * store turns into one indexed query (tenantId, createdAt, id). Derived Graph values never reach
 * it; the service has already turned them into sets of types.
 */
export type AuditColumn = "id" | "type" | "actorType" | "actorId" | "targetId" | "correlationId";

export type AuditWhere =
  | { all: readonly AuditWhere[] }
  | { any: readonly AuditWhere[] }
  | { not: AuditWhere }
  | { column: AuditColumn; in: readonly string[] }
  | { column: "type"; startsWith: string }
  /** A substring of the data JSON as the writer serialises it (no spaces): `"createdVia":"invitation"`. */
  | { column: "data"; contains: string }
  | { column: "createdAt"; op: "eq" | "gt" | "ge" | "lt" | "le"; value: Date };

export interface AuditRecord {
  id: string;
  type: string;
  actorType: string | null;
  actorId: string | null;
  /** What the surface knew of the actor, when it did (absent on older rows). */
  actorDisplayName?: string | null;
  actorIpAddress?: string | null;
  targetType: string | null;
  targetId: string | null;
  correlationId: string | null;
  /** The JSON object the writer stored. */
  data: string;
  createdAt: Date;
}

export interface AuditPosition {
  at: Date;
  id: string;
}

export interface AuditReadStore {
  /** Up to `take` events of the tenant matching `where`, ordered by (createdAt, id), strictly after `after`. */
  list(
    tenantId: string,
    query: { where: AuditWhere; order: "asc" | "desc"; after?: AuditPosition; take: number },
  ): Promise<AuditRecord[]>;
  find(tenantId: string, id: string): Promise<AuditRecord | undefined>;
}
