import type { MessageKey } from "../i18n";
import type { IdentityProviderConfig } from "../tenant";

/** The identity providers Auth.js carries a person to; e-mail passcodes are Guestgate's own. */
export type UpstreamProviderConfig = Exclude<IdentityProviderConfig, { kind: "email-otp" }>;
export type UpstreamKind = UpstreamProviderConfig["kind"];

/**
 * Who the upstream identity provider says the person is, in one shape for every provider.
 * (issuer, subject) is the identity's key in the directory (docs/ARCHITECTURE.md, "Data"): OpenID Connect Core
 * §5.7 names `iss` + `sub` the only stable identifier; e-mail and name are mutable attributes.
 */
export interface UpstreamIdentity {
  /** The tenant's identity provider id (tenants.json), not Auth.js's. */
  providerId: string;
  kind: UpstreamKind;
  issuer: string;
  subject: string;
  email?: string;
  /** True only when the upstream asserts that the person controls the address (see normalise.ts). */
  emailVerified: boolean;
  name?: string;
  givenName?: string;
  familyName?: string;
}

/**
 * Why a trip to the upstream ended without an identity:
 * - cancelled: the person declined or backed out (RFC 6749 §4.1.2.1 `access_denied`);
 * - upstreamError: the upstream answered with another error, or with something that failed validation;
 * - unreachable: its discovery document or endpoints could not be reached or read;
 * - unavailable: the provider is not configured for this tenant or its secret is not set.
 */
export type FederationFailureReason = "cancelled" | "upstreamError" | "unreachable" | "unavailable";

export interface FederationFailure {
  reason: FederationFailureReason;
  providerId?: string;
}

/** What the journey gets back after the trip: an identity, or a typed reason. */
export type UpstreamOutcome = ({ ok: true } & { identity: UpstreamIdentity }) | ({ ok: false } & FederationFailure);

/** A provider the journey may offer as a button, named either by the operator or by a message. */
export interface OfferedProvider {
  id: string;
  kind: UpstreamKind;
  /** The operator's name for an `oidc` provider (tenants.json). */
  displayName?: string;
  /** For the built-in kinds: the message (messages/*.json, namespace `federation`) that names the brand. */
  nameMessage?: Extract<MessageKey, `federation.providerNames.${string}`>;
}

export interface CookieOptions {
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none";
  expires?: Date;
  maxAge?: number;
}

/**
 * The part of Next's `cookies()` store this module uses; tests pass their own jar. Writing is only
 * possible in a Server Action or Route Handler, so that is where the journey calls us.
 */
export interface CookieStore {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options?: CookieOptions): unknown;
}
