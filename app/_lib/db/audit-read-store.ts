import type { AuditReadStore, AuditRecord, AuditWhere } from "../audit";
import type { PrismaClient } from "./client";
import type { Prisma } from "../../../prisma/generated/client/sqlite/client";

type Where = Prisma.AuditEventWhereInput;

// An empty OR matches nothing; said explicitly so no provider has to interpret `OR: []` or `NOT: { OR: [] }`.
const NOTHING: Where = { id: { in: [] } };
const COMPARE = { eq: "equals", gt: "gt", ge: "gte", lt: "lt", le: "lte" } as const;

function prismaWhere(where: AuditWhere): Where {
  if ("all" in where) return { AND: where.all.map(prismaWhere) };
  if ("any" in where) return where.any.length ? { OR: where.any.map(prismaWhere) } : NOTHING;
  if ("not" in where) return { NOT: prismaWhere(where.not) };
  if (where.column === "createdAt") return { createdAt: { [COMPARE[where.op]]: where.value } };
  if (where.column === "data") return { data: { contains: where.contains } };
  if ("startsWith" in where) return { type: { startsWith: where.startsWith } };
  return where.in.length ? { [where.column]: { in: [...where.in] } } : NOTHING;
}

/** The audit log, read newest or oldest first on the (tenantId, createdAt, id) index with a keyset. */
export function createAuditReadStore(database: PrismaClient): AuditReadStore {
  return {
    async list(tenantId, query) {
      const beyond = query.order === "desc" ? "lt" : "gt";
      const after: Where[] = query.after
        ? [
            {
              OR: [{ createdAt: { [beyond]: query.after.at } }, { createdAt: query.after.at, id: { [beyond]: query.after.id } }],
            },
          ]
        : [];
      const rows = await database.auditEvent.findMany({
        where: { AND: [{ tenantId }, ...after, prismaWhere(query.where)] },
        orderBy: [{ createdAt: query.order }, { id: query.order }],
        take: query.take,
      });
      return rows.map(record);
    },
    async find(tenantId, id) {
      const row = await database.auditEvent.findFirst({ where: { tenantId, id } });
      return row ? record(row) : undefined;
    },
  };
}

const record = (row: AuditRecord): AuditRecord => ({
  id: row.id,
  type: row.type,
  actorType: row.actorType,
  actorId: row.actorId,
  actorDisplayName: row.actorDisplayName ?? null,
  actorIpAddress: row.actorIpAddress ?? null,
  targetType: row.targetType,
  targetId: row.targetId,
  correlationId: row.correlationId,
  data: row.data,
  createdAt: row.createdAt,
});
