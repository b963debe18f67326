import type { ApiConnectorRow, ApiConnectorStore } from "../journeys";
import { auditLogOn } from "./audit-log";
import type { PrismaClient } from "./client";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// Enumerated columns are strings in the database (SQLite has no enums); the service wrote them.
const rowOf = (row: Omit<ApiConnectorRow, "authType" | "onFailure"> & { authType: string; onFailure: string }) =>
  row as ApiConnectorRow;

/** API connectors' rows, always within their tenant. */
export function createApiConnectorStore(prisma: PrismaClient): ApiConnectorStore {
  return {
    list: async (tenantId) =>
      (await prisma.apiConnector.findMany({ where: { tenantId }, orderBy: [{ displayName: "asc" }, { id: "asc" }] })).map(rowOf),
    async get(tenantId, id) {
      const row = await prisma.apiConnector.findFirst({ where: { tenantId, id } });
      return row ? rowOf(row) : null;
    },
    transaction(work) {
      return prisma.$transaction((tx: Tx) =>
        work({
          async get(tenantId, id) {
            const row = await tx.apiConnector.findFirst({ where: { tenantId, id } });
            return row ? rowOf(row) : null;
          },
          create: async (tenantId, id, fields) => rowOf(await tx.apiConnector.create({ data: { id, tenantId, ...fields } })),
          async update(tenantId, id, fields) {
            await tx.apiConnector.updateMany({ where: { tenantId, id }, data: fields });
            return rowOf(await tx.apiConnector.findFirstOrThrow({ where: { tenantId, id } }));
          },
          async remove(tenantId, id) {
            await tx.apiConnector.deleteMany({ where: { tenantId, id } });
          },
          audit: auditLogOn(tx),
        }),
      );
    },
  };
}
