import type { CustomExtensionRow, CustomExtensionStore, EventListenerRow } from "../journeys";
import { auditLogOn } from "./audit-log";
import type { PrismaClient } from "./client";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type Db = PrismaClient | Tx;

const list = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
};

// Enumerated columns are strings in the database (SQLite has no enums); lists are JSON text.
type ExtensionRecord = Omit<CustomExtensionRow, "eventType" | "onFailure" | "tokenClaims"> & {
  eventType: string;
  onFailure: string;
  tokenClaims: string;
};
const extensionOf = (row: ExtensionRecord): CustomExtensionRow =>
  ({ ...row, tokenClaims: list(row.tokenClaims) }) as CustomExtensionRow;
const listenerOf = (row: Omit<EventListenerRow, "eventType" | "appIds"> & { eventType: string; appIds: string }) =>
  ({ ...row, appIds: list(row.appIds) }) as EventListenerRow;

function reads(db: Db) {
  return {
    async get(tenantId: string, id: string) {
      const row = await db.customAuthenticationExtension.findFirst({ where: { tenantId, id } });
      return row ? extensionOf(row) : null;
    },
    async listener(tenantId: string, id: string) {
      const row = await db.authenticationEventListener.findFirst({ where: { tenantId, id } });
      return row ? listenerOf(row) : null;
    },
  };
}

/** Custom authentication extensions and their listeners, always within their tenant. */
export function createCustomExtensionStore(prisma: PrismaClient): CustomExtensionStore {
  return {
    list: async (tenantId) =>
      (
        await prisma.customAuthenticationExtension.findMany({
          where: { tenantId },
          orderBy: [{ displayName: "asc" }, { id: "asc" }],
        })
      ).map(extensionOf),
    listeners: async (tenantId) =>
      (
        await prisma.authenticationEventListener.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
      ).map(listenerOf),
    ...reads(prisma),
    transaction(work) {
      return prisma.$transaction((tx: Tx) =>
        work({
          create: async (tenantId, id, { tokenClaims, ...fields }) =>
            extensionOf(
              await tx.customAuthenticationExtension.create({
                data: { id, tenantId, ...fields, tokenClaims: JSON.stringify(tokenClaims) },
              }),
            ),
          async update(tenantId, id, { tokenClaims, ...fields }) {
            await tx.customAuthenticationExtension.updateMany({
              where: { tenantId, id },
              data: { ...fields, ...(tokenClaims ? { tokenClaims: JSON.stringify(tokenClaims) } : {}) },
            });
            return extensionOf(await tx.customAuthenticationExtension.findFirstOrThrow({ where: { tenantId, id } }));
          },
          async remove(tenantId, id) {
            await tx.customAuthenticationExtension.deleteMany({ where: { tenantId, id } });
          },
          createListener: async (tenantId, id, fields) =>
            listenerOf(
              await tx.authenticationEventListener.create({
                data: {
                  id,
                  tenantId,
                  eventType: "onTokenIssuanceStart",
                  extensionId: fields.extensionId,
                  appIds: JSON.stringify(fields.appIds),
                },
              }),
            ),
          async updateListener(tenantId, id, fields) {
            await tx.authenticationEventListener.updateMany({
              where: { tenantId, id },
              data: {
                ...(fields.extensionId ? { extensionId: fields.extensionId } : {}),
                ...(fields.appIds ? { appIds: JSON.stringify(fields.appIds) } : {}),
              },
            });
            return listenerOf(await tx.authenticationEventListener.findFirstOrThrow({ where: { tenantId, id } }));
          },
          async removeListener(tenantId, id) {
            await tx.authenticationEventListener.deleteMany({ where: { tenantId, id } });
          },
          audit: auditLogOn(tx),
        }),
      );
    },
  };
}
