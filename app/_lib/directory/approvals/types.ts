import type { Actor, SystemActor } from "../actor";
import type { AuditLog } from "../audit";
import type { GuestState } from "../guests";

/** Where a self-service sign-up of a flow with an approval queue stands. */
export type SignUpRequestState = "pending" | "approved" | "refused";
export const SIGN_UP_REQUEST_STATES: readonly SignUpRequestState[] = ["pending", "approved", "refused"];

/** One request with what an approver needs to decide on it (the guest's own name and address). */
export interface SignUpRequest {
  guestId: string;
  tenantId: string;
  userFlowName: string;
  clientId: string;
  /** The language the person signed up in: their decision mail is in it. */
  locale: string;
  state: SignUpRequestState;
  requestedAt: Date;
  autoDenyAt: Date | null;
  decidedAt: Date | null;
  decidedBy: { type: string; id: string } | null;
  message: string | null;
  guest: { email: string | null; displayName: string | null; state: GuestState };
}

export interface SignUpDecision {
  state: Exclude<SignUpRequestState, "pending">;
  at: Date;
  by: { type: string; id: string };
  message: string | null;
}

/** Plain reads and writes of the queue (app/_lib/db/sign-up-request-store.ts); no decisions. */
export interface SignUpRequestStore {
  list(tenantId: string, query: { state: SignUpRequestState; take: number }): Promise<SignUpRequest[]>;
  find(tenantId: string, guestId: string): Promise<SignUpRequest | null>;
  /** Pending requests of every tenant whose autoDenyAt is at or before `now`, oldest first. */
  lapsed(now: Date, take: number): Promise<SignUpRequest[]>;
  transaction<T>(work: (unit: SignUpRequestUnit) => Promise<T>): Promise<T>;
}

export interface SignUpRequestUnit {
  /** Records the decision only while the request is pending: false when another came first. */
  decide(tenantId: string, guestId: string, decision: SignUpDecision): Promise<boolean>;
  /** Moves the guest out of pendingApproval; a guest in any other state (blocked meanwhile) is left as it is. */
  settleGuest(tenantId: string, guestId: string, state: Extract<GuestState, "active" | "blocked">): Promise<void>;
  audit: AuditLog;
}

/** What happens around a decision beyond the directory: the mails (wired in server.ts). */
export interface SignUpNotifications {
  /** A new request waits: its approvers are told. */
  requested(request: SignUpRequest): Promise<void>;
  /** A decision was made: the person is told, in their language, with the approver's message. */
  decided(request: SignUpRequest): Promise<void>;
}

export interface SignUpApprovalService {
  list(actor: Actor, tenantId: string, query?: { state?: SignUpRequestState; top?: number }): Promise<SignUpRequest[]>;
  get(actor: Actor, tenantId: string, guestId: string): Promise<SignUpRequest>;
  /** The guest becomes active and may sign in; audited `guest.signUpApproved` with the actor. */
  approve(actor: Actor, tenantId: string, guestId: string, input?: { message?: string }): Promise<SignUpRequest>;
  /** The guest is blocked (it cannot sign in nor sign up again); audited `guest.signUpRefused`. */
  refuse(actor: Actor, tenantId: string, guestId: string, input?: { message?: string }): Promise<SignUpRequest>;
  /** The job's verb: refuses requests whose flow's autoDenyAfterDays passed; how many. */
  refuseLapsed(actor: SystemActor, now: Date): Promise<{ refused: number }>;
  /** Right after a journey created a pending guest: its approvers are told (a failed mail is logged, never thrown). */
  announce(tenantId: string, guestId: string): Promise<void>;
}

export type SignUpApprovalProblem = "forbidden" | "notFound" | "decided" | "invalidMessage" | "invalidTop";

/** Why a verb refused; surfaces map the code (portal: a notice; Graph: 403/404/409/400). */
export class SignUpApprovalError extends Error {
  override readonly name = "SignUpApprovalError";
  constructor(readonly code: SignUpApprovalProblem) {
    super(`the sign-up decision was refused: ${code}`);
  }
}

/** By name: the registry may come from another bundle's copy of this module, where instanceof fails. */
export function isSignUpApprovalError(error: unknown): error is SignUpApprovalError {
  return (
    error instanceof Error && error.name === "SignUpApprovalError" && typeof (error as SignUpApprovalError).code === "string"
  );
}
