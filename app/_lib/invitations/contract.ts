import type { Actor, GuestSummary, ProvenIdentity } from "../directory";
import type { Locale } from "../i18n";
import type { Tenant } from "../tenant";
import type { BulkOptions, BulkResult, BulkRow } from "./bulk";
import type { InvitationRecord, InvitationState } from "./types";

/** An invitation as surfaces see it: the record without its ticket hash, with its derived state. */
export type InvitationView = Omit<InvitationRecord, "ticketHash"> & { state: InvitationState };

export interface NewInvitation {
  email: string;
  displayName?: string | null;
  redirectUrl: string;
  userType?: "Guest" | "Member";
  sendInvitationMessage?: boolean;
  /** Graph's invitedUserMessageInfo. */
  customMessage?: string | null;
  /** A language tag (messageLanguage); its primary subtag picks one of Guestgate's languages. */
  messageLanguage?: string | null;
  ccRecipients?: readonly string[];
  /** Graph's resetRedemption with invitedUser.id: the guest whose redemption starts over. */
  resetRedemptionOf?: string;
  /** Why the guest is made (Graph creationType): an invitation, or an access package's delivery. */
  createdVia?: "invitation" | "accessPackage";
  correlationId?: string;
}

export interface InvitationOutcome {
  invitation: InvitationView;
  guest: GuestSummary;
  /** Graph's status: PendingAcceptance, or Completed when the address belongs to a guest who redeemed already. */
  status: "PendingAcceptance" | "Completed";
  /** Where the invitee goes: the redeem page with the new ticket, or (Completed) the redirect URL itself. */
  redeemUrl: string;
  /** A guest was created (false: the address was a guest already). */
  created: boolean;
  /** The invitation e-mail went out in this call. */
  messageSent: boolean;
}

/** What a ticket opens to, for the redemption page. */
/**
 * A ticket as the redeem URL carries it, or its hash (what a redemption journey keeps, so the plain
 * ticket is stored nowhere).
 */
export type TicketRef = string | { hash: string };

/** What a ticket opens to, for the redemption page. */
export type OpenedTicket =
  | { status: "valid"; invitation: InvitationView; ticketHash: string }
  | { status: "expired" | "revoked" | "redeemed" | "unknown" };

/** How the invitee showed they hold the invited address (see {@link provesInvitedAddress}). */
export type AddressProof = { kind: "passcode"; address: string } | { kind: "upstream"; identity: ProvenIdentity };

export type Redemption =
  | { ok: true; guest: GuestSummary; invitation: InvitationView }
  | { ok: false; reason: "expired" | "revoked" | "redeemed" | "unknown" | "proofRequired" | "identityTaken" | "blocked" };

export interface InvitationPage {
  invitations: InvitationView[];
  nextCursor?: string;
}

/** One e-mail of an invitation: the first, a resend ("invited again"), or a reminder. */
export interface InvitationMail {
  kind: "invitation" | "invitedAgain" | "reminder";
  tenant: Tenant;
  to: string;
  cc: string | null;
  language: Locale;
  inviterName: string | null;
  inviteeName: string | null;
  customMessage: string | null;
  redeemUrl: string;
  expiresAt: Date;
}

export interface InvitationService {
  create(actor: Actor, tenantId: string, input: NewInvitation): Promise<InvitationOutcome>;
  /** A new ticket (the old one dies) and, when asked, the "invited again" e-mail. */
  resend(actor: Actor, tenantId: string, invitationId: string, options?: { correlationId?: string }): Promise<InvitationOutcome>;
  /** The guest's identities are unlinked and a new ticket issued (Graph's resetRedemption). */
  resetRedemption(
    actor: Actor,
    tenantId: string,
    invitationId: string,
    options?: { correlationId?: string; send?: boolean },
  ): Promise<InvitationOutcome>;
  revoke(actor: Actor, tenantId: string, invitationId: string, options?: { correlationId?: string }): Promise<InvitationView>;
  get(actor: Actor, tenantId: string, invitationId: string): Promise<InvitationView>;
  list(
    actor: Actor,
    tenantId: string,
    query?: { state?: InvitationState; top?: number; cursor?: string },
  ): Promise<InvitationPage>;
  /** What the redeem URL's ticket opens to; never throws for a bad ticket. */
  open(tenantId: string, ticket: TicketRef): Promise<OpenedTicket>;
  /** Where a redeemed invitation sends the browser (checked against the tenant's rules again), or undefined. */
  continueUrl(tenantId: string, invitationId: string): Promise<string | undefined>;
  /**
   * Links the proven identity to the invited guest and spends the ticket, once: of two redemptions
   * at once, one wins. Refuses without proof of the invited address.
   */
  redeem(
    tenantId: string,
    ticket: TicketRef,
    identity: ProvenIdentity,
    proof: AddressProof,
    correlationId?: string,
  ): Promise<Redemption>;
  /**
   * The redirect URLs an inviter may pick from: the tenant's applications' redirect URIs and home
   * pages (a typed URL is still checked by create against these and the tenant's allow-list).
   */
  redirectChoices(actor: Actor, tenantId: string): Promise<string[]>;
  /** The reminder job: one reminder per pending invitation, `reminderAfterDays` after its last e-mail. */
  sendReminders(actor: Actor, now: Date, limit: number): Promise<number>;
  /** Invites the rows of a bulk upload (see bulk.ts): validated first, idempotent, a result per row. */
  bulkInvite(
    actor: Actor,
    tenantId: string,
    rows: readonly BulkRow[],
    options: BulkOptions,
    onProgress?: (done: number, total: number) => void,
  ): Promise<BulkResult>;
}
