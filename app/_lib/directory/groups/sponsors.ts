import type { Actor } from "../actor";
import type { AuditEventInput } from "../audit";
import { DirectoryError } from "../service-contract";
import { isUniqueConflict } from "../service/store";
import { authorize, existingUser, page, type Page } from "./common";
import type { GroupStore, MemberRecord } from "./store";

/** Entra keeps at most five sponsors per user (contract §1). */
export const MAX_SPONSORS = 5;

export interface SponsorVerbs {
  listSponsors(actor: Actor, tenantId: string, id: string, query: { after?: string; top: number }): Promise<Page<MemberRecord>>;
  /** Sponsors are other users of the tenant; one already there is the duplicate-reference conflict. */
  addSponsor(actor: Actor, tenantId: string, id: string, sponsorId: string, correlationId?: string): Promise<void>;
  removeSponsor(actor: Actor, tenantId: string, id: string, sponsorId: string, correlationId?: string): Promise<void>;
  /** The user's manager; notFound when they have none (Graph's 404 on `users/{id}/manager`). */
  getManager(actor: Actor, tenantId: string, id: string): Promise<MemberRecord>;
  /** Sets or replaces the user's manager (Graph PUT `users/{id}/manager/$ref`). */
  setManager(actor: Actor, tenantId: string, id: string, managerId: string, correlationId?: string): Promise<void>;
  removeManager(actor: Actor, tenantId: string, id: string, correlationId?: string): Promise<void>;
}

const userEvent = (actor: Actor, tenantId: string, type: string, guestId: string, rest: Partial<AuditEventInput>) =>
  ({ tenantId, type, actor, target: { type: "guest", id: guestId }, ...rest }) satisfies AuditEventInput;

/**
 * A user's sponsors and manager (contract §1; Graph `users/{id}/sponsors`, `users/{id}/manager`):
 * reading them is reading users, changing them is changing the user. Both ends are users of the
 * same tenant (another tenant's id is not found); nobody sponsors or manages themselves.
 */
export function sponsorVerbs(store: GroupStore): SponsorVerbs {
  return {
    async listSponsors(actor, tenantId, id, query) {
      authorize(actor, "readUsers");
      await existingUser(store, tenantId, id);
      return page(await store.listSponsors(tenantId, id, query.after, query.top + 1), query.top);
    },

    async addSponsor(actor, tenantId, id, sponsorId, correlationId) {
      authorize(actor, "writeUsers");
      if (id === sponsorId) throw new DirectoryError("invalid", "sponsors: a user cannot be their own sponsor");
      await store
        .transaction(async (unit) => {
          await existingUser(unit, tenantId, id);
          await existingUser(unit, tenantId, sponsorId);
          if (await unit.isSponsor(id, sponsorId)) throw new DirectoryError("conflict", "sponsors");
          if ((await unit.countSponsors(id)) >= MAX_SPONSORS)
            throw new DirectoryError("invalid", `sponsors: a user has at most ${MAX_SPONSORS} sponsors`);
          await unit.addSponsor(tenantId, id, sponsorId);
          await unit.audit.append(
            userEvent(actor, tenantId, "guest.sponsorAdded", id, { correlationId, data: { sponsor: sponsorId } }),
          );
        })
        .catch((error: unknown) => {
          throw isUniqueConflict(error) ? new DirectoryError("conflict", "sponsors") : error;
        });
    },

    async removeSponsor(actor, tenantId, id, sponsorId, correlationId) {
      authorize(actor, "writeUsers");
      await store.transaction(async (unit) => {
        await existingUser(unit, tenantId, id);
        if (!(await unit.isSponsor(id, sponsorId))) throw new DirectoryError("notFound", sponsorId);
        await unit.removeSponsor(id, sponsorId);
        await unit.audit.append(
          userEvent(actor, tenantId, "guest.sponsorRemoved", id, { correlationId, data: { sponsor: sponsorId } }),
        );
      });
    },

    async getManager(actor, tenantId, id) {
      authorize(actor, "readUsers");
      await existingUser(store, tenantId, id);
      const manager = await store.findManager(tenantId, id);
      if (!manager) throw new DirectoryError("notFound", `${id}/manager`);
      return manager;
    },

    async setManager(actor, tenantId, id, managerId, correlationId) {
      authorize(actor, "writeUsers");
      if (id === managerId) throw new DirectoryError("invalid", "manager: a user cannot be their own manager");
      await store.transaction(async (unit) => {
        await existingUser(unit, tenantId, id);
        await existingUser(unit, tenantId, managerId);
        const previous = await unit.findManager(tenantId, id);
        await unit.setManager(tenantId, id, managerId);
        await unit.audit.append(
          userEvent(actor, tenantId, "guest.managerSet", id, {
            correlationId,
            data: { manager: managerId, previousManager: previous?.id ?? null },
          }),
        );
      });
    },

    async removeManager(actor, tenantId, id, correlationId) {
      authorize(actor, "writeUsers");
      await store.transaction(async (unit) => {
        await existingUser(unit, tenantId, id);
        const previous = await unit.findManager(tenantId, id);
        if (!previous) throw new DirectoryError("notFound", `${id}/manager`);
        await unit.removeManager(id);
        await unit.audit.append(
          userEvent(actor, tenantId, "guest.managerRemoved", id, { correlationId, data: { manager: previous.id } }),
        );
      });
    },
  };
}
