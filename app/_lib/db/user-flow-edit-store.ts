import type { UserFlowEditStore, UserFlowRecord } from "../journeys";
import { auditLogOn } from "./audit-log";
import type { PrismaClient } from "./client";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const withApplications = {
  id: true,
  name: true,
  definition: true,
  createdAt: true,
  updatedAt: true,
  applications: { select: { clientId: true }, orderBy: { clientId: "asc" } },
} as const;

function record(row: {
  id: string;
  name: string;
  definition: string;
  createdAt: Date;
  updatedAt: Date;
  applications: { clientId: string }[];
}): UserFlowRecord {
  return { ...row, applications: row.applications.map((a) => a.clientId) };
}

/** The user-flow editing verbs' reads and conditional writes of one flow's row. */
export function createUserFlowEditStore(prisma: PrismaClient): UserFlowEditStore {
  return {
    editTransaction(work) {
      return prisma.$transaction((tx: Tx) =>
        work({
          async flow(tenantId, name) {
            const row = await tx.userFlow.findUnique({ where: { tenantId_name: { tenantId, name } }, select: withApplications });
            return row ? record(row) : null;
          },
          flows: (tenantId) =>
            tx.userFlow.findMany({
              where: { tenantId },
              select: { id: true, name: true, definition: true },
              orderBy: { name: "asc" },
            }),
          async create(tenantId, name, definition) {
            return record(await tx.userFlow.create({ data: { tenantId, name, definition }, select: withApplications }));
          },
          async updateDefinition(id, expectedUpdatedAt, definition) {
            // Conditional on the version read: a concurrent edit makes this match nothing.
            const { count } = await tx.userFlow.updateMany({ where: { id, updatedAt: expectedUpdatedAt }, data: { definition } });
            return count === 1;
          },
          async remove(id) {
            await tx.userFlow.delete({ where: { id } });
          },
          assignmentsOf: (tenantId, clientIds) =>
            tx.userFlowApplication.findMany({
              where: { tenantId, clientId: { in: [...clientIds] } },
              select: { clientId: true, userFlowId: true },
            }),
          async replaceFlowAssignments(tenantId, userFlowId, clientIds) {
            await tx.userFlowApplication.deleteMany({ where: { tenantId, userFlowId } });
            if (clientIds.length)
              await tx.userFlowApplication.createMany({
                data: clientIds.map((clientId) => ({ tenantId, clientId, userFlowId })),
              });
          },
          customAttributes: (tenantId) => tx.customAttribute.findMany({ where: { tenantId }, orderBy: { name: "asc" } }),
          createCustomAttribute: (tenantId, fields) => tx.customAttribute.create({ data: { tenantId, ...fields } }),
          updateCustomAttribute: (id, description) => tx.customAttribute.update({ where: { id }, data: { description } }),
          async deleteCustomAttribute(id) {
            await tx.customAttribute.delete({ where: { id } });
          },
          audit: auditLogOn(tx),
        }),
      );
    },
  };
}
