/**
 * The road to upstream identity providers (docs/ARCHITECTURE.md, "Journeys"): one Auth.js per tenant, built from the
 * tenant's identity providers, that carries the person to Microsoft Entra ID, Google, Facebook, GitHub
 * or any OpenID provider and brings back one normalised `UpstreamIdentity`. From there the journey
 * and Guestgate's own session and tokens take over. app/_lib/server.ts wires `createFederation`.
 */
export { createFederation, type Federation, type FederationDeps } from "./service";
export { availableProviderIds, type AvailabilitySources } from "./available";
export type { TenantFederation } from "./instance";
export { InvalidReturnToError, type FederationStart, type TakenResults } from "./start";
export { normaliseUpstreamIdentity, UpstreamProfileError, GITHUB_ISSUER, FACEBOOK_ISSUER } from "./normalise";
export { validReturnTo } from "./return-to";
export { providerName } from "./provider-names";
export { federationBasePath } from "./cookies";
export type {
  UpstreamIdentity,
  UpstreamKind,
  UpstreamOutcome,
  FederationFailure,
  FederationFailureReason,
  OfferedProvider,
  CookieStore,
  CookieOptions,
} from "./types";
