import type { Actor } from "./actor";

/**
 * One audit event as a service decides it: what happened, who did it (the real actor), to what,
 * and which names changed. The store writes it in the same unit of work as the change itself, so
 * there is no change without its event and no event without its change.
 */
export interface AuditEventInput {
  tenantId: string;
  /** `<thing>.<pastTense>`, e.g. `guest.created`, `application.secretAdded`, `userFlows.imported`. */
  type: string;
  actor: Actor;
  target?: { type: string; id: string };
  /** Correlates the event with a journey, a request or a command run. */
  correlationId?: string;
  /**
   * Names, counts and kinds only: the audit log is no second copy of personal data (attribute
   * names, never their values; never an e-mail address or a display name).
   */
  data?: Readonly<Record<string, AuditDatum>>;
}

export type AuditDatum =
  string | number | boolean | null | readonly string[] | Readonly<Record<string, number | string | readonly string[]>>;

/** The append-only audit log, as a unit of work offers it. */
export interface AuditLog {
  append(event: AuditEventInput): Promise<void>;
}
