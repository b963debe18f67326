import type { SystemActor } from "../directory";
import { event, type Clock, type EntitlementPorts } from "./common";
import { applyExternalUserLifecycle } from "./external-users";
import { deliverRequest } from "./lifecycle";
import { createNotifier } from "./notifications";
import type { EntitlementStore } from "./records";

const DAY = 24 * 3600 * 1000;

/**
 * How long a request may stay `delivering` before the job takes it for abandoned: a delivery is
 * one transaction of a few statements (seconds at worst), so ten minutes only ever catches one
 * whose process stopped between entering `delivering` and committing (or failing) the delivery.
 */
export const STALE_DELIVERY_MS = 10 * 60 * 1000;

export interface LifecycleStepVerbs {
  /**
   * Escalation (a stage's `isEscalationEnabled`): a stage still undecided `durationBeforeEscalation`
   * after it started goes to its escalation approvers as well (asked by mail); audited
   * `accessPackageAssignmentRequest.escalated`. The first approvers may still decide.
   */
  escalateStages(actor: SystemActor, now: Date, take: number): Promise<number>;
  /**
   * The "expiring soon" mails: 7 days and 1 day before a delivered assignment ends, each once
   * (recorded before it is sent, so two runs never both send it; a failed send is reported, not retried).
   */
  remindExpiring(actor: SystemActor, now: Date, take: number): Promise<number>;
  /**
   * Requests left `delivering` by a process that stopped mid-delivery: delivered now, or
   * `deliveryFailed` with the reason. The delivery is one transaction, so what the stopped process
   * did was rolled back: nothing was half-assigned, and nothing is assigned twice.
   */
  recoverDeliveries(actor: SystemActor, now: Date, take: number): Promise<number>;
  /** Requests `scheduled` for a start that has come (the requestor's own start date): delivered now. */
  deliverScheduled(actor: SystemActor, now: Date, take: number): Promise<number>;
  /** Blocks, then deletes, guests made by access packages whose last assignment ended (external-users.ts). */
  applyExternalUserLifecycle(actor: SystemActor, now: Date, take: number): Promise<{ blocked: number; deleted: number }>;
}

export function lifecycleStepVerbs(store: EntitlementStore, clock: Clock, ports: EntitlementPorts): LifecycleStepVerbs {
  const notifier = createNotifier(store, ports);
  return {
    async escalateStages(actor, now, take) {
      let escalated = 0;
      for (const stage of await store.dueEscalations(now, take)) {
        const call = { actor, tenantId: stage.tenantId };
        const done = await store.transaction(async (unit) => {
          if (!(await unit.markEscalated(stage.id, now))) return false;
          await unit.audit.append(
            event(
              call,
              "accessPackageAssignmentRequest.escalated",
              { type: "accessPackageAssignmentRequest", id: stage.requestId },
              { stage: stage.sequence + 1 },
            ),
          );
          return true;
        });
        if (!done) continue;
        escalated += 1;
        const request = await store.findRequest(stage.tenantId, stage.requestId);
        if (request) await notifier.stageStarted(request, true);
      }
      return escalated;
    },
    async remindExpiring(_actor, now, take) {
      let reminded = 0;
      const weekAhead = new Date(now.getTime() + 7 * DAY);
      const dayAhead = new Date(now.getTime() + DAY);
      for (const assignment of await store.expiringAssignments(now, weekAhead, dayAhead, take)) {
        // An assignment first seen within a day of its end gets only the 1-day notice.
        const notice = assignment.expiresAt! <= dayAhead ? 1 : 7;
        const recorded = await store.transaction((unit) =>
          unit.recordExpiryNotice(assignment.id, assignment.expiryNoticeDays, notice),
        );
        if (!recorded) continue;
        await notifier.tellPerson(
          "expiringSoon",
          {
            tenantId: assignment.tenantId,
            accessPackageId: assignment.accessPackageId,
            guestId: assignment.target.id,
            email: null,
          },
          { expiresAt: assignment.expiresAt },
        );
        reminded += 1;
      }
      return reminded;
    },
    async recoverDeliveries(actor, now, take) {
      let recovered = 0;
      const before = new Date(now.getTime() - STALE_DELIVERY_MS);
      for (const stale of await store.staleDeliveries(before, take)) {
        // Taken over with a conditional write: of two runs (or a late original), one delivers.
        if (!(await store.transaction((unit) => unit.restartDelivery(stale.id, stale.deliveryStartedAt, clock.now())))) continue;
        const request = await store.findRequest(stale.tenantId, stale.id);
        if (!request) continue;
        await deliverRequest(store, ports, clock, { actor, tenantId: stale.tenantId }, request);
        recovered += 1;
      }
      return recovered;
    },
    async deliverScheduled(actor, now, take) {
      let started = 0;
      for (const due of await store.dueScheduled(now, take)) {
        // Taken with a conditional write: of two runs, one delivers.
        const call = { actor, tenantId: due.tenantId };
        const taken = await store.transaction(async (unit) => {
          if (!(await unit.updateRequest(due.id, ["scheduled"], { state: "delivering", status: "Delivering" }))) return false;
          await unit.audit.append(
            event(call, "accessPackageAssignmentRequest.started", { type: "accessPackageAssignmentRequest", id: due.id }, {}),
          );
          return true;
        });
        const request = taken ? await store.findRequest(due.tenantId, due.id) : null;
        if (!request) continue;
        await deliverRequest(store, ports, clock, call, request);
        started += 1;
      }
      return started;
    },
    applyExternalUserLifecycle: (actor, now, take) => applyExternalUserLifecycle(store, ports, actor, now, take),
  };
}
