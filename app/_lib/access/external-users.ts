import type { SystemActor } from "../directory";
import type { EntitlementPorts } from "./common";
import { addDuration } from "./durations";
import type { EntitlementStore, EntitlementUnit } from "./records";

/**
 * The external-user lifecycle (contract §7.3, the tenant's `externalUserLifecycleAction`): a guest
 * that access packages brought into the directory (`createdVia` accessPackage) and whose last
 * assignment ended is blocked by the lifecycle job, and with `blockSignInAndDelete` deleted
 * `durationUntilExternalUserDeletedAfterBlocked` later. A new assignment before that takes it out
 * of the lifecycle (and unblocks it when the job had blocked it). Block, unblock and delete are the
 * directory's own verbs, audited there; they run inside the entitlement unit of work, so the
 * marker and the guest's state change together.
 */

/** Who unblocks a guest when a delivery brings it back: the delivery itself is audited with its own actor. */
const REINSTATER: SystemActor = { type: "system", name: "entitlementManagement" };

/** Inside an assignment's end: a guest made by access packages with nothing left enters the lifecycle. */
export async function noteAssignmentEnded(unit: EntitlementUnit, tenantId: string, guestId: string, now: Date) {
  const [contact] = await unit.contactsOf(tenantId, [guestId]);
  if (contact?.createdVia !== "accessPackage") return;
  if (await unit.holdsOrAwaitsAccess(tenantId, guestId)) return;
  await unit.markExternalUserEnded(tenantId, guestId, now);
}

/** Inside a delivery's unit of work: the guest leaves the lifecycle, unblocked if the job had blocked it. */
export async function reinstate(unit: EntitlementUnit, ports: EntitlementPorts, tenantId: string, guestId: string) {
  const marker = await unit.findExternalUser(tenantId, guestId);
  if (!marker) return;
  if (marker.state === "blocked" && marker.blockedByLifecycle) {
    if (!ports.externalUsers) throw new Error("the guest was blocked by the lifecycle and nothing here can unblock it");
    await ports.externalUsers.unblock(REINSTATER, tenantId, guestId);
  }
  await unit.deleteExternalUser(guestId);
}

/** The job's step: blocks the guests waiting for it, deletes the blocked ones whose time has come. */
export async function applyExternalUserLifecycle(
  store: EntitlementStore,
  ports: EntitlementPorts,
  actor: SystemActor,
  now: Date,
  take: number,
): Promise<{ blocked: number; deleted: number }> {
  const outcome = { blocked: 0, deleted: 0 };
  const directory = ports.externalUsers;
  if (!directory) return outcome;
  for (const due of await store.dueExternalUsers(now, take)) {
    await store.transaction(async (unit) => {
      const marker = await unit.findExternalUser(due.tenantId, due.guestId);
      if (!marker || marker.state !== due.state) return;
      const [guest] = await unit.contactsOf(due.tenantId, [due.guestId]);
      // Gone (deleted by an administrator), or access again meanwhile: nothing to do any more.
      if (!guest || (await unit.holdsOrAwaitsAccess(due.tenantId, due.guestId))) {
        await unit.deleteExternalUser(due.guestId);
        return;
      }
      const settings = await unit.settings(due.tenantId);
      if (marker.state === "ended") {
        if (settings.externalUserLifecycleAction === "none") {
          await unit.deleteExternalUser(due.guestId);
          return;
        }
        // Read in this unit of work (a read beside it would wait for it on SQLite).
        const changed = guest.state !== "blocked";
        if (changed) await directory.block(actor, due.tenantId, due.guestId);
        const deleteAt =
          settings.externalUserLifecycleAction === "blockSignInAndDelete"
            ? addDuration(now, settings.durationUntilExternalUserDeletedAfterBlocked)
            : null;
        await unit.updateExternalUser(due.guestId, "ended", {
          state: "blocked",
          blockedAt: now,
          deleteAt,
          blockedByLifecycle: changed,
        });
        outcome.blocked += 1;
        return;
      }
      // Blocked, and its deleteAt has come (dueExternalUsers): deleted, unless the action changed since.
      if (settings.externalUserLifecycleAction !== "blockSignInAndDelete") {
        await unit.updateExternalUser(due.guestId, "blocked", { deleteAt: null });
        return;
      }
      await directory.delete(actor, due.tenantId, due.guestId);
      await unit.deleteExternalUser(due.guestId);
      outcome.deleted += 1;
    });
  }
  return outcome;
}
