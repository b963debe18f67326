import { SCOPE_CLAIMS } from "../constants";
import type { DirectoryClaims, GuestLookup, GuestProfile } from "../ports";

/** Entra built-in user-flow attribute names → OIDC standard claims (OIDC Core §5.1). */
const ATTRIBUTE_CLAIMS: Record<string, string> = {
  displayName: "name",
  givenName: "given_name",
  surname: "family_name",
  phoneNumber: "phone_number",
  mobilePhone: "phone_number",
};
const ADDRESS_PARTS: Record<string, string> = {
  streetAddress: "street_address",
  street_address: "street_address",
  city: "locality",
  locality: "locality",
  state: "region",
  region: "region",
  postalCode: "postal_code",
  postal_code: "postal_code",
  country: "country",
};

/** The standard claims a guest's profile supports, whatever the scope. */
export function profileClaims(guest: GuestProfile): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  const all = new Set(Object.values(SCOPE_CLAIMS).flat());
  for (const [name, value] of Object.entries(guest.attributes)) {
    if (typeof value !== "string" || value === "") continue;
    const claim = ATTRIBUTE_CLAIMS[name] ?? (all.has(name) ? name : undefined);
    if (claim && claims[claim] === undefined && claim !== "address") claims[claim] = value;
  }
  if (guest.displayName) claims.name = guest.displayName;
  if (guest.email) {
    claims.email = guest.email;
    claims.email_verified = guest.emailVerified;
  }
  if (claims.phone_number !== undefined) claims.phone_number_verified = guest.attributes.phone_number_verified === true;
  const address: Record<string, string> = {};
  for (const [name, part] of Object.entries(ADDRESS_PARTS)) {
    const value = guest.attributes[name];
    if (typeof value === "string" && value !== "" && address[part] === undefined) address[part] = value;
  }
  if (Object.keys(address).length > 0) claims.address = address;
  return claims;
}

/** Claims released for the granted scopes (OIDC Core §5.4). */
export function claimsForScope(guest: GuestProfile, scope: readonly string[]): Record<string, unknown> {
  const available = profileClaims(guest);
  const released: Record<string, unknown> = {};
  for (const value of scope)
    for (const claim of SCOPE_CLAIMS[value] ?? []) if (available[claim] !== undefined) released[claim] = available[claim];
  return released;
}

/**
 * What an ID token or userinfo says about a guest: the scopes' claims, then the application's own
 * selection (its user flow's token claims). By default that selection is released whatever the
 * scope, as Entra does; an application with `claimsByScope` gets a selected claim only when a
 * scope asked for holds it (OIDC Core §5.4), and a custom attribute's claim only with `profile`.
 */
export async function claimsForClient(
  guests: GuestLookup,
  guest: GuestProfile,
  client: { clientId: string; claimsByScope?: boolean | undefined },
  scope: readonly string[],
): Promise<Record<string, unknown>> {
  const selected = (await guests.applicationClaims?.(guest, client.clientId)) ?? {};
  const released = client.claimsByScope ? onlyForScope(selected, scope) : selected;
  return { ...claimsForScope(guest, scope), ...released };
}

const CLAIM_SCOPE = new Map(
  Object.entries(SCOPE_CLAIMS)
    .filter(([scope]) => scope !== "openid")
    .flatMap(([scope, claims]) => claims.map((claim) => [claim, scope] as const)),
);

function onlyForScope(claims: Record<string, unknown>, scope: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([claim]) => scope.includes(CLAIM_SCOPE.get(claim) ?? "profile")));
}

/** Entra drops `groups` from a JWT beyond this many (contract §3.3, "groups overage"). */
export const GROUPS_CLAIM_LIMIT = 200;

/**
 * `roles` and `groups` as Entra puts them into tokens (contract §3.3). Beyond the limit, `groups`
 * gives way to a distributed claim (OIDC Core §5.6.2) pointing at Graph's getMemberObjects.
 */
export function directoryClaimsOf(
  directory: DirectoryClaims | undefined,
  graphRoot: string,
  guestId: string,
): Record<string, unknown> {
  if (!directory) return {};
  const claims: Record<string, unknown> = {};
  if (directory.roles.length > 0) claims.roles = directory.roles;
  if (directory.groups === "overage") {
    claims._claim_names = { groups: "src1" };
    claims._claim_sources = { src1: { endpoint: `${graphRoot}/users/${guestId}/getMemberObjects` } };
  } else if (directory.groups) claims.groups = directory.groups;
  return claims;
}

export const splitScope = (scope: string | undefined): string[] => (scope ? scope.split(" ").filter(Boolean) : []);
