import type { AttributeValue } from "./attributes/types";

/**
 * The directory's guests, as the journeys see them. Identities are keyed by (tenant, issuer,
 * subject) and never by e-mail: two providers asserting one address are two identities.
 */
export interface ProvenIdentity {
  /** The tenant's identity provider id (tenants.json), e.g. "google" or "email". */
  providerId: string;
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
  givenName?: string;
  familyName?: string;
}

export type GuestState = "active" | "blocked" | "pendingAcceptance";
export type StoredAttributes = Readonly<Record<string, AttributeValue>>;

export interface GuestSummary {
  id: string;
  tenantId: string;
  state: GuestState;
  userType: "Guest" | "Member";
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
  attributes: StoredAttributes;
  /**
   * The user flow and application a self-service guest signed up through (absent when the source
   * does not say, null for guests that did not sign up themselves). The profile journey edits what
   * that flow collects.
   */
  signedUpVia?: { userFlowName: string; clientId: string } | null;
}

export interface NewSelfServiceGuest {
  tenantId: string;
  identity: ProvenIdentity;
  attributes: StoredAttributes;
  displayName: string | null;
  userFlowId: string;
  applicationId: string;
  /** Correlates the audit event with the journey that created the guest. */
  journeyId: string;
}

export interface GuestRepository {
  findByIdentity(tenantId: string, issuer: string, subject: string): Promise<GuestSummary | null>;
  find(tenantId: string, guestId: string): Promise<GuestSummary | null>;
  /**
   * Creates guest, identity, attribute values and an audit event in one transaction. Idempotent:
   * when the identity already exists (a retry, a double submit, a second tab), nothing is written
   * and the existing guest comes back with `created: false`.
   */
  createWithIdentity(guest: NewSelfServiceGuest): Promise<{ guest: GuestSummary; created: boolean }>;
  /**
   * Adds or replaces attribute values (progressive profiling, profile edits) and records an audit
   * event, atomically; `displayName` (when given) follows the typed name and `remove` deletes the
   * named values, in the same transaction.
   */
  saveAttributes(
    tenantId: string,
    guestId: string,
    values: StoredAttributes,
    journeyId: string,
    displayName?: string | null,
    remove?: readonly string[],
  ): Promise<GuestSummary>;
  recordSignIn(tenantId: string, issuer: string, subject: string, at: Date): Promise<void>;
}

/** The name a guest is shown under: what they typed, else what the identity provider said, else nothing. */
export function displayNameFor(attributes: StoredAttributes, identity: ProvenIdentity): string | null {
  const typed = attributes.displayName;
  if (typeof typed === "string" && typed.trim()) return typed.trim();
  const given = typeof attributes.givenName === "string" ? attributes.givenName : identity.givenName;
  const family = typeof attributes.surname === "string" ? attributes.surname : identity.familyName;
  const joined = [given, family].filter((part) => part && part.trim()).join(" ");
  return joined || identity.name?.trim() || null;
}
