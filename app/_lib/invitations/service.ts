import { randomUUID } from "node:crypto";
import {
  auditActor,
  isDirectoryError,
  type Actor,
  type AuditEventInput,
  type DirectoryService,
  type GuestDetails,
  type GuestSummary,
} from "../directory";
import { isLocale, type Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { invitableAddress } from "./address";
import type { InvitationMail, InvitationOutcome, InvitationService, InvitationView, NewInvitation, Redemption } from "./contract";
import { bulkInvite } from "./bulk";
import { InvitationError, invalid } from "./errors";
import { mayActOnInvitations, mayInviteMember, type InvitationAction } from "./permissions";
import { provesInvitedAddress } from "./proof";
import { checkInvitedDomain, checkRedirectUrl, checkUnambiguous, type InvitableApplication, type RedirectTargets } from "./rules";
import { isWellFormedTicket, newTicket as randomTicket, ticketHash } from "./tickets";
import type { InvitationRecord, InvitationStore, InvitationUnit } from "./types";
import type { TicketRef } from "./contract";

export interface InvitationPorts {
  store: InvitationStore;
  directory: Pick<DirectoryService, "createPending" | "describe" | "linkIdentity" | "resetRedemption" | "findByIdentity">;
  tenants: { find(slug: string): Tenant | undefined; list(): readonly Tenant[] };
  /**
   * The tenant's applications' redirect URIs and home pages (the allow-list is the tenant's own);
   * with `applications`, each one's, so a URL two applications claim alike is refused.
   */
  applicationUrls(
    tenantId: string,
  ): Promise<{ redirectUris: string[]; homePages: string[]; applications?: InvitableApplication[] }>;
  /** `{base}/{tenant}/invite/{ticket}`: the only place the plain ticket goes. */
  redeemUrl(tenantId: string, ticket: string): string;
  /** Guestgate's own pages of the tenant an invitation may lead to (My Access), besides its applications'. */
  ownPages?(tenantId: string): string[];
  send?(mail: InvitationMail): Promise<void>;
  /** The name the e-mail shows for whoever invited (an administrator's, an application's). */
  inviterName?(actor: Actor, tenantId: string): Promise<string | null>;
  warn?(message: string, fields: Record<string, unknown>): void;
  clock: { now(): Date };
  newId?: () => string;
  newTicket?: () => string;
}

/** Internal options of `create`: the bulk verb leaves a live invitation as it is instead of re-sending it. */
export interface CreateOptions {
  reissuePending: boolean;
}

export type CreateResult = InvitationOutcome & { unchanged: boolean };

/** What the bulk verb builds on: create without re-sending live invitations, and the checks alone. */
export interface InvitationInternals {
  createWith(actor: Actor, tenantId: string, input: NewInvitation, options: CreateOptions): Promise<CreateResult>;
  validate(
    tenantId: string,
    input: Pick<NewInvitation, "email" | "redirectUrl" | "messageLanguage" | "displayName">,
  ): Promise<void>;
}

const DAY_MS = 24 * 3600 * 1000;
const MAX_MESSAGE = 2000;
const MAX_DISPLAY_NAME = 256;
const DEFAULT_TOP = 100;
const MAX_TOP = 999;
/** Reads an invitation verb does on the caller's behalf (finding the guest of an address): never audited, never returned beyond what the caller may see. */
const LOOKUP: Actor = { type: "system", name: "invitations" };

/**
 * Invitations over the directory (docs/ARCHITECTURE.md, "Layers"): each verb checks its actor,
 * validates, writes through the directory's verbs (which audit the guest's changes) and the
 * invitation store, whose changes carry their own audit events in the same unit of work.
 */
export function createInvitationService(ports: InvitationPorts): InvitationService & InvitationInternals {
  const { store, directory, clock } = ports;
  const newId = ports.newId ?? randomUUID;
  const makeTicket = ports.newTicket ?? randomTicket;

  function authorize(actor: Actor, action: InvitationAction): void {
    if (!mayActOnInvitations(actor, action))
      throw new InvitationError("forbidden", "forbidden", `${actor.type} may not ${action} invitations here`);
  }

  function tenantOf(tenantId: string): Tenant {
    const tenant = ports.tenants.find(tenantId);
    if (!tenant) throw new InvitationError("notFound", "noTenant", "no such tenant");
    return tenant;
  }

  async function targets(tenant: Tenant): Promise<RedirectTargets & { applications: InvitableApplication[] }> {
    const apps = await ports.applicationUrls(tenant.slug);
    return {
      redirectUris: apps.redirectUris,
      prefixes: [...apps.homePages, ...tenant.invitations.redirectAllowList, ...(ports.ownPages?.(tenant.slug) ?? [])],
      applications: apps.applications ?? [],
    };
  }

  function event(actor: Actor, tenantId: string, type: string, invitationId: string, rest: Partial<AuditEventInput> = {}) {
    return { tenantId, type, actor, target: { type: "invitation", id: invitationId }, ...rest };
  }

  async function existing(reads: Pick<InvitationUnit, "find">, tenantId: string, id: string): Promise<InvitationRecord> {
    const found = await reads.find(tenantId, id);
    if (!found) throw new InvitationError("notFound", "notFound", "no such invitation in this tenant");
    return found;
  }

  /** Everything about the input that does not depend on who the address belongs to. */
  async function validate(
    tenantId: string,
    input: Pick<NewInvitation, "email" | "redirectUrl" | "messageLanguage" | "displayName">,
  ) {
    const tenant = tenantOf(tenantId);
    const email = invitableAddress(input.email, "invitedUserEmailAddress");
    checkInvitedDomain(tenant.invitations, email);
    const allowed = await targets(tenant);
    const redirectUrl = checkRedirectUrl(input.redirectUrl, allowed);
    checkUnambiguous(redirectUrl, allowed.applications);
    const displayName = input.displayName?.trim() || null;
    if (displayName && displayName.length > MAX_DISPLAY_NAME)
      throw invalid(
        "invitedUserDisplayName",
        "displayNameTooLong",
        `invitedUserDisplayName: at most ${MAX_DISPLAY_NAME} characters.`,
      );
    return { tenant, email, redirectUrl, displayName, language: languageOf(input.messageLanguage) };
  }

  function languageOf(tag: string | null | undefined): Locale | null {
    if (tag === undefined || tag === null || tag === "") return null;
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag))
      throw invalid("messageLanguage", "invalidLanguage", "messageLanguage: a language tag such as nl-NL.");
    const primary = tag.split("-")[0]!.toLowerCase();
    // Another language than Guestgate's four: the tenant's default (Graph falls back to English the same way).
    return isLocale(primary) ? primary : null;
  }

  function view(record: InvitationRecord, now: Date): InvitationView {
    const { ticketHash: _hidden, ...rest } = record;
    void _hidden;
    const state = record.status === "pending" && record.ticketExpiresAt <= now ? "expired" : record.status;
    return { ...rest, state };
  }

  async function inviterName(actor: Actor, tenantId: string): Promise<string | null> {
    try {
      return (await ports.inviterName?.(actor, tenantId)) ?? null;
    } catch {
      return null;
    }
  }

  /** Sends, and records when: a failed send leaves lastSentAt as it was, so the reminder job tries again. */
  async function deliver(record: InvitationRecord, tenant: Tenant, ticket: string, kind: InvitationMail["kind"], actor: Actor) {
    if (!ports.send) return false;
    try {
      await ports.send({
        kind,
        tenant,
        to: record.email,
        cc: record.ccRecipient,
        language: isLocale(record.language) ? record.language : (tenant.locales.default as Locale),
        inviterName: record.inviterName,
        inviteeName: record.displayName,
        customMessage: record.customMessage,
        redeemUrl: ports.redeemUrl(tenant.slug, ticket),
        expiresAt: record.ticketExpiresAt,
      });
    } catch (error) {
      ports.warn?.("the invitation e-mail could not be sent", { invitationId: record.id, kind, err: error });
      return false;
    }
    const now = clock.now();
    await store.transaction(async (unit) => {
      await unit.update(
        record.tenantId,
        record.id,
        {},
        { lastSentAt: now, ...(kind === "reminder" ? { reminderSentAt: now } : {}) },
      );
      await unit.audit.append(
        event(actor, record.tenantId, "invitation.sent", record.id, { data: { kind, cc: record.ccRecipient ? 1 : 0 } }),
      );
    });
    return true;
  }

  async function findGuestByAddress(tenantId: string, email: string): Promise<GuestDetails | null> {
    try {
      return await directory.describe(LOOKUP, tenantId, { email });
    } catch (error) {
      if (isDirectoryError(error) && error.code === "notFound") return null;
      throw error;
    }
  }

  async function findGuestById(tenantId: string, id: string): Promise<GuestDetails> {
    try {
      return await directory.describe(LOOKUP, tenantId, { id });
    } catch (error) {
      if (isDirectoryError(error) && error.code === "notFound")
        throw new InvitationError("notFound", "noSuchUser", `Resource '${id}' does not exist.`, "invitedUser");
      throw error;
    }
  }

  async function createWith(actor: Actor, tenantId: string, input: NewInvitation, options: CreateOptions): Promise<CreateResult> {
    authorize(actor, input.resetRedemptionOf ? "resetRedemption" : "invite");
    const checked = await validate(tenantId, input);
    const { tenant, email } = checked;
    const userType = input.userType ?? "Guest";
    if (userType !== "Guest" && userType !== "Member")
      throw invalid("invitedUserType", "invalidUserType", "invitedUserType: Guest or Member.");
    if (userType === "Member" && !mayInviteMember(actor))
      throw new InvitationError("forbidden", "memberNeedsGlobalAdministrator", "only a Global Administrator may invite a member");
    const customMessage = input.customMessage?.trim() || null;
    if (customMessage && customMessage.length > MAX_MESSAGE)
      throw invalid("customizedMessageBody", "messageTooLong", `customizedMessageBody: at most ${MAX_MESSAGE} characters.`);
    const cc = input.ccRecipients ?? [];
    if (cc.length > 1) throw invalid("ccRecipients", "tooManyCc", "ccRecipients: at most one recipient.");
    const ccRecipient = cc[0] === undefined ? null : invitableAddress(cc[0], "ccRecipients");
    const settings = {
      displayName: checked.displayName,
      userType,
      redirectUrl: checked.redirectUrl,
      language: checked.language,
      customMessage,
      ccRecipient,
      ...(await inviterOf(actor, tenantId)),
    };
    const send = input.sendInvitationMessage === true;
    const correlation = input.correlationId ? { correlationId: input.correlationId } : {};

    let guest: GuestSummary | GuestDetails;
    let created = false;
    if (input.resetRedemptionOf) {
      const target = await findGuestById(tenantId, input.resetRedemptionOf);
      if (target.email && target.email !== email)
        throw invalid(
          "invitedUserEmailAddress",
          "addressDiffers",
          "invitedUserEmailAddress must be the invited user's address when resetting its redemption.",
        );
      guest = await asInvitationError(() => directory.resetRedemption(actor, tenantId, target.id, input.correlationId));
    } else {
      const found = await findGuestByAddress(tenantId, email);
      if (found?.state === "blocked")
        throw new InvitationError("conflict", "guestBlocked", "the guest with this address is blocked");
      if (found && found.state !== "pendingAcceptance") {
        // Graph's behaviour: the address is a guest who redeemed already; nothing is created or sent.
        const row = await store.findByGuest(tenantId, found.id);
        const now = clock.now();
        const shown = row ? view(row, now) : transientView(found, tenantId, settings, now);
        return {
          invitation: shown,
          guest: found,
          status: "Completed",
          redeemUrl: settings.redirectUrl,
          created: false,
          messageSent: false,
          unchanged: true,
        };
      }
      guest =
        found ??
        (await asInvitationError(() =>
          directory.createPending(actor, tenantId, {
            email,
            displayName: settings.displayName,
            userType,
            createdVia: input.createdVia ?? "invitation",
            ...correlation,
          }),
        ));
      created = !found;
    }

    const now = clock.now();
    const ticket = makeTicket();
    const ticketFields = {
      ticketHash: ticketHash(ticket),
      ticketExpiresAt: new Date(now.getTime() + tenant.invitations.ticketLifetimeDays * DAY_MS),
    };
    const previous = await store.findByGuest(tenantId, guest.id);
    if (
      previous &&
      !options.reissuePending &&
      previous.status === "pending" &&
      previous.ticketExpiresAt > now &&
      !input.resetRedemptionOf
    )
      return {
        invitation: view(previous, now),
        guest,
        status: "PendingAcceptance",
        redeemUrl: "",
        created: false,
        messageSent: false,
        unchanged: true,
      };

    const record = await store.transaction(async (unit) => {
      if (previous) {
        // The old ticket dies with this update: only the new hash opens the invitation.
        const changed = await unit.update(
          tenantId,
          previous.id,
          { updatedAt: previous.updatedAt },
          {
            ...settings,
            ...ticketFields,
            status: "pending",
            sends: previous.sends + 1,
            redeemedAt: null,
            revokedAt: null,
            reminderSentAt: null,
          },
        );
        if (!changed) throw new InvitationError("conflict", "modified", "the invitation changed meanwhile; try again");
        await unit.audit.append(
          event(actor, tenantId, input.resetRedemptionOf ? "invitation.redemptionReset" : "invitation.reissued", previous.id, {
            ...correlation,
            data: { previousStatus: previous.status, sends: previous.sends + 1, userType },
          }),
        );
        return existing(unit, tenantId, previous.id);
      }
      const id = newId();
      await unit.insert({
        id,
        tenantId,
        guestId: guest.id,
        email,
        ...settings,
        ...ticketFields,
        status: "pending",
        sends: 1,
        lastSentAt: null,
        reminderSentAt: null,
        redeemedAt: null,
        revokedAt: null,
      });
      await unit.audit.append(
        event(actor, tenantId, "invitation.created", id, {
          ...correlation,
          data: { userType, messageRequested: send, cc: ccRecipient ? 1 : 0, customMessage: customMessage !== null },
        }),
      );
      return existing(unit, tenantId, id);
    });
    const messageSent = send && (await deliver(record, tenant, ticket, previous ? "invitedAgain" : "invitation", actor));
    const fresh = (await store.find(tenantId, record.id)) ?? record;
    return {
      invitation: view(fresh, clock.now()),
      guest,
      status: "PendingAcceptance",
      redeemUrl: ports.redeemUrl(tenant.slug, ticket),
      created,
      messageSent,
      unchanged: false,
    };
  }

  async function inviterOf(actor: Actor, tenantId: string) {
    const { actorType, actorId } = auditActor(actor);
    return { inviterType: actorType, inviterId: actorId, inviterName: await inviterName(actor, tenantId) };
  }

  /** Re-issues the ticket of an invitation by id (resend, reset): the same path as a second invite of the address. */
  async function reissue(
    actor: Actor,
    tenantId: string,
    invitationId: string,
    reset: boolean,
    send: boolean,
    correlationId?: string,
  ) {
    authorize(actor, reset ? "resetRedemption" : "invite");
    const record = await existing(store, tenantId, invitationId);
    if (record.status === "revoked")
      throw new InvitationError("conflict", "revoked", "a revoked invitation cannot be sent again; invite anew");
    if (record.status === "accepted" && !reset)
      throw new InvitationError("conflict", "accepted", "the invitation was redeemed; reset its redemption to invite again");
    return createWith(
      actor,
      tenantId,
      {
        email: record.email,
        displayName: record.displayName,
        redirectUrl: record.redirectUrl,
        userType: record.userType,
        sendInvitationMessage: send,
        customMessage: record.customMessage,
        messageLanguage: record.language,
        ccRecipients: record.ccRecipient ? [record.ccRecipient] : [],
        ...(reset ? { resetRedemptionOf: record.guestId } : {}),
        ...(correlationId ? { correlationId } : {}),
      },
      { reissuePending: true },
    );
  }

  async function lookUp(tenantId: string, ticket: TicketRef): Promise<InvitationRecord | null> {
    if (typeof ticket === "string" && !isWellFormedTicket(ticket)) return null;
    const record = await store.findByTicket(typeof ticket === "string" ? ticketHash(ticket) : ticket.hash);
    // Another tenant's ticket is simply unknown here.
    return record && record.tenantId === tenantId ? record : null;
  }

  function closedReason(record: InvitationRecord | null, now: Date) {
    if (!record) return "unknown" as const;
    if (record.status === "revoked") return "revoked" as const;
    if (record.status === "accepted") return "redeemed" as const;
    if (record.ticketExpiresAt <= now) return "expired" as const;
    return undefined;
  }

  const service: InvitationService & InvitationInternals = {
    bulkInvite: (actor, tenantId, rows, options, onProgress) => bulkInvite(service, actor, tenantId, rows, options, onProgress),
    createWith,
    validate: async (tenantId, input) => void (await validate(tenantId, input)),

    create: (actor, tenantId, input) => createWith(actor, tenantId, input, { reissuePending: true }),

    resend: (actor, tenantId, id, options = {}) => reissue(actor, tenantId, id, false, true, options.correlationId),

    resetRedemption: (actor, tenantId, id, options = {}) =>
      reissue(actor, tenantId, id, true, options.send ?? true, options.correlationId),

    async revoke(actor, tenantId, invitationId, options = {}) {
      authorize(actor, "revoke");
      return store.transaction(async (unit) => {
        const record = await existing(unit, tenantId, invitationId);
        if (record.status === "revoked") return view(record, clock.now());
        if (record.status === "accepted")
          throw new InvitationError("conflict", "accepted", "a redeemed invitation cannot be revoked; block the guest instead");
        const now = clock.now();
        if (
          !(await unit.update(
            tenantId,
            invitationId,
            { status: "pending", ticketHash: record.ticketHash },
            { status: "revoked", revokedAt: now },
          ))
        )
          throw new InvitationError("conflict", "modified", "the invitation changed meanwhile; try again");
        await unit.audit.append(
          event(actor, tenantId, "invitation.revoked", invitationId, {
            ...(options.correlationId ? { correlationId: options.correlationId } : {}),
            data: { previousState: view(record, now).state },
          }),
        );
        return view(await existing(unit, tenantId, invitationId), now);
      });
    },

    async get(actor, tenantId, invitationId) {
      authorize(actor, "read");
      return view(await existing(store, tenantId, invitationId), clock.now());
    },

    async list(actor, tenantId, query = {}) {
      authorize(actor, "read");
      const top = query.top ?? DEFAULT_TOP;
      if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
        throw invalid("top", "invalidTop", `top: a whole number from 1 to ${MAX_TOP}`);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const now = clock.now();
      const rows = await store.list(tenantId, {
        ...(query.state ? { state: query.state } : {}),
        now,
        take: top + 1,
        ...(after ? { after } : {}),
      });
      const shown = rows.slice(0, top);
      const last = shown.at(-1);
      return {
        invitations: shown.map((row) => view(row, now)),
        ...(rows.length > top && last ? { nextCursor: encodeCursor(last) } : {}),
      };
    },

    async open(tenantId, ticket) {
      const record = await lookUp(tenantId, ticket);
      const now = clock.now();
      const closed = closedReason(record, now);
      return closed ? { status: closed } : { status: "valid", invitation: view(record!, now), ticketHash: record!.ticketHash };
    },

    async continueUrl(tenantId, invitationId) {
      const record = await store.find(tenantId, invitationId);
      if (!record || record.status !== "accepted") return undefined;
      // Checked again now: an application removed since the invitation was made no longer receives anyone.
      try {
        return checkRedirectUrl(record.redirectUrl, await targets(tenantOf(tenantId)));
      } catch {
        return undefined;
      }
    },

    async redeem(tenantId, ticket, identity, proof, correlationId): Promise<Redemption> {
      const record = await lookUp(tenantId, ticket);
      const now = clock.now();
      const closed = closedReason(record, now);
      if (closed || !record) return { ok: false, reason: closed ?? "unknown" };
      if (!provesInvitedAddress(record.email, proof)) return { ok: false, reason: "proofRequired" };
      if (await directory.findByIdentity(tenantId, identity)) return { ok: false, reason: "identityTaken" };
      const invitee: Actor = { type: "guest", guestId: record.guestId };
      let guest: GuestSummary | null;
      try {
        // One unit of work: the ticket is spent, the identity linked (the directory's transaction
        // joins this one, see InvitationStore.transaction) and the redemption audited, or nothing
        // is — a failure or a crash in between cannot leave an accepted invitation without an identity.
        guest = await store.transaction(async (unit) => {
          // Single use (docs/ARCHITECTURE.md, "Data"): one conditional update, so of two redemptions at once one wins.
          const claimed = await unit.update(
            tenantId,
            record.id,
            { status: "pending", ticketHash: record.ticketHash, ticketValidAt: now },
            { status: "accepted", redeemedAt: now },
          );
          if (!claimed) return null;
          const linked = await directory.linkIdentity(invitee, tenantId, record.guestId, identity);
          await unit.audit.append(
            event(invitee, tenantId, "invitation.redeemed", record.id, {
              ...(correlationId ? { correlationId } : {}),
              data: { identityProvider: identity.providerId, proof: proof.kind },
            }),
          );
          return linked;
        });
      } catch (error) {
        // Rolled back whole: the ticket is still good, as if this attempt never happened.
        if (isDirectoryError(error) && error.code === "conflict")
          return { ok: false, reason: error.message.includes("blocked") ? "blocked" : "identityTaken" };
        throw error;
      }
      if (!guest) return { ok: false, reason: "redeemed" };
      return { ok: true, guest, invitation: view((await store.find(tenantId, record.id)) ?? record, clock.now()) };
    },

    async redirectChoices(actor, tenantId) {
      // Whoever may invite may see where an invitation can lead; nothing else of the applications.
      authorize(actor, "invite");
      const apps = await ports.applicationUrls(tenantOf(tenantId).slug);
      return [...new Set([...apps.redirectUris, ...apps.homePages])].sort();
    },

    async sendReminders(actor, now, limit) {
      authorize(actor, "invite");
      let sent = 0;
      for (const tenant of ports.tenants.list()) {
        const days = tenant.invitations.reminderAfterDays;
        if (days === 0 || sent >= limit) continue;
        const due = await store.dueForReminder(tenant.slug, new Date(now.getTime() - days * DAY_MS), now, limit - sent);
        for (const record of due) {
          // A reminder carries a fresh link: the ticket is stored only as a hash, so the old one cannot be sent again.
          const ticket = makeTicket();
          const renewed = await store.transaction(async (unit) => {
            const ok = await unit.update(
              tenant.slug,
              record.id,
              { status: "pending", ticketHash: record.ticketHash },
              {
                ticketHash: ticketHash(ticket),
                ticketExpiresAt: new Date(now.getTime() + tenant.invitations.ticketLifetimeDays * DAY_MS),
                reminderSentAt: now,
              },
            );
            if (ok)
              await unit.audit.append(
                event(actor, tenant.slug, "invitation.reminderDue", record.id, { data: { sends: record.sends } }),
              );
            return ok ? existing(unit, tenant.slug, record.id) : null;
          });
          if (renewed && (await deliver(renewed, tenant, ticket, "reminder", actor))) sent++;
        }
      }
      return sent;
    },
  };
  return service;
}

/** What Graph answers for an address whose guest redeemed without an invitation of ours (self-service, or created directly). */
function transientView(
  guest: GuestDetails,
  tenantId: string,
  settings: {
    displayName: string | null;
    userType: "Guest" | "Member";
    redirectUrl: string;
    language: string | null;
    customMessage: string | null;
    ccRecipient: string | null;
    inviterType: string;
    inviterId: string;
    inviterName: string | null;
  },
  now: Date,
): InvitationView {
  return {
    id: randomUUID(),
    tenantId,
    guestId: guest.id,
    email: guest.email ?? "",
    ...settings,
    userType: guest.userType,
    ticketExpiresAt: now,
    status: "accepted",
    state: "accepted",
    sends: 0,
    lastSentAt: null,
    reminderSentAt: null,
    redeemedAt: null,
    revokedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Directory refusals inside an invitation verb keep their meaning for the surfaces. */
async function asInvitationError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDirectoryError(error)) throw new InvitationError(error.code, `directory.${error.code}`, error.message);
    throw error;
  }
}

function encodeCursor(record: InvitationRecord): string {
  return Buffer.from(JSON.stringify([record.createdAt.toISOString(), record.id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const createdAt = new Date(at);
    if (typeof id !== "string" || Number.isNaN(createdAt.getTime())) throw new Error("bad cursor");
    return { createdAt, id };
  } catch {
    throw invalid("cursor", "invalidCursor", "the paging cursor is not valid");
  }
}
