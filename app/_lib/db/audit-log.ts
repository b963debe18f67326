import { auditActor, type AuditEventInput, type AuditLog } from "../directory";
import type { PrismaClient } from "./client";

/** The subset of a Prisma client (or of one of its transactions) that appends audit events. */
type AuditWriter = Pick<PrismaClient, "auditEvent">;

/** Writes the events a service decided, on the client or transaction it is given: no decisions here. */
export function auditLogOn(client: AuditWriter): AuditLog {
  return {
    async append(event: AuditEventInput) {
      await client.auditEvent.create({ data: auditRow(event) });
    },
  };
}

export function auditRow(event: AuditEventInput) {
  return {
    tenantId: event.tenantId,
    type: event.type,
    ...auditActor(event.actor),
    actorDisplayName: "displayName" in event.actor ? (event.actor.displayName ?? null) : null,
    actorIpAddress: "ipAddress" in event.actor ? (event.actor.ipAddress ?? null) : null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    correlationId: event.correlationId ?? null,
    data: JSON.stringify(event.data ?? {}),
  };
}
