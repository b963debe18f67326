import { withoutInvisibleCharacters } from "./attributes/invisible";
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

/**
 * `pendingAcceptance`: invited, no identity linked yet. `pendingApproval`: signed up through a flow
 * with an approval queue, waiting for an approver (directory/approvals); cannot sign in.
 */
export type GuestState = "active" | "blocked" | "pendingAcceptance" | "pendingApproval";
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
  /** The version of its flow's terms the guest last accepted, and when (absent when the source does not say). */
  termsAccepted?: { version: string; at: Date } | null;
}

/** The name a guest is shown under: what they typed, else what the identity provider said, else nothing. */
export function displayNameFor(attributes: StoredAttributes, identity: ProvenIdentity): string | null {
  const typed = attributes.displayName;
  if (typeof typed === "string" && typed.trim()) return typed.trim();
  // Typed attributes were checked (attributes/invisible.ts); an upstream's names were not, and
  // nobody is there to ask: their invisible formatting characters are dropped.
  const upstream = (text: string | undefined) => (text === undefined ? undefined : withoutInvisibleCharacters(text));
  const given = typeof attributes.givenName === "string" ? attributes.givenName : upstream(identity.givenName);
  const family = typeof attributes.surname === "string" ? attributes.surname : upstream(identity.familyName);
  const joined = [given, family].filter((part) => part && part.trim()).join(" ");
  return joined || upstream(identity.name)?.trim() || null;
}
