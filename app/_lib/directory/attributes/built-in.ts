import type { AttributeDefinition } from "./types";

/**
 * The built-in attributes, as Entra External ID names them in user flows. Their claim names are
 * the OIDC standard claims where one exists (OIDC Core §5.1), so any relying-party library reads
 * them without configuration:
 *
 * - displayName → `name`, givenName → `given_name`, surname → `family_name`, email → `email`,
 *   phone → `phone_number` (E.164, as §5.1 asks).
 * - The address parts become members of the standard `address` object claim (§5.1.1:
 *   `street_address`, `locality`, `region`, `postal_code`), rather than five loose claims: that is
 *   the shape OIDC libraries type and the one `scope=address` promises. `country` is also emitted
 *   as `address.country` when the address object is present.
 * - Where OIDC has no claim, the Entra claim name is kept (`jobTitle`, `companyName`, `country`),
 *   so an app moved from Entra reads the same names. `country` stays a top-level claim as in Entra,
 *   and holds the ISO 3166-1 alpha-2 code.
 *
 * Maximum lengths follow Entra's directory limits, so data moves between the two unchanged.
 */
const builtIns = [
  { name: "displayName", maxLength: 256, autocomplete: "name", claim: { name: "name" } },
  { name: "givenName", maxLength: 64, autocomplete: "given-name", claim: { name: "given_name" } },
  { name: "surname", maxLength: 64, autocomplete: "family-name", claim: { name: "family_name" } },
  { name: "email", source: "identity", maxLength: 254, autocomplete: "email", inputMode: "email", claim: { name: "email" } },
  { name: "jobTitle", maxLength: 128, autocomplete: "organization-title", claim: { name: "jobTitle" } },
  { name: "companyName", maxLength: 64, autocomplete: "organization", claim: { name: "companyName" } },
  { name: "streetAddress", maxLength: 256, autocomplete: "street-address", claim: { name: "address", member: "street_address" } },
  { name: "city", maxLength: 128, autocomplete: "address-level2", claim: { name: "address", member: "locality" } },
  { name: "state", maxLength: 128, autocomplete: "address-level1", claim: { name: "address", member: "region" } },
  {
    name: "postalCode",
    format: "postalCode",
    maxLength: 40,
    autocomplete: "postal-code",
    claim: { name: "address", member: "postal_code" },
  },
  // A list of codes, not typed text: no maxLength, or "Holland" would be "too long" instead of "not a country".
  { name: "country", format: "country", autocomplete: "country", claim: { name: "country" } },
  // 32 leaves room for spaces and dashes people type; the stored E.164 form is at most 16.
  { name: "phone", format: "phone", maxLength: 32, autocomplete: "tel", inputMode: "tel", claim: { name: "phone_number" } },
] as const satisfies readonly (Partial<AttributeDefinition> & Pick<AttributeDefinition, "name" | "claim">)[];

export type BuiltInAttributeName = (typeof builtIns)[number]["name"];

export const BUILT_IN_ATTRIBUTE_NAMES: readonly BuiltInAttributeName[] = builtIns.map((b) => b.name);

export const BUILT_IN_ATTRIBUTES: ReadonlyMap<BuiltInAttributeName, AttributeDefinition> = new Map(
  builtIns.map((b): [BuiltInAttributeName, AttributeDefinition] => [
    b.name,
    { kind: "builtIn", source: "user", type: "string", ...b },
  ]),
);

export function isBuiltInAttributeName(name: string): name is BuiltInAttributeName {
  return BUILT_IN_ATTRIBUTES.has(name as BuiltInAttributeName);
}

export function builtInAttribute(name: BuiltInAttributeName): AttributeDefinition {
  return BUILT_IN_ATTRIBUTES.get(name)!;
}

/**
 * Names no attribute may take and no form may set: they describe the account, not the person,
 * and only Guestgate itself writes them. A submission carrying one is not an error — unknown
 * fields are dropped like any other — but a custom attribute can never be declared with one.
 */
export const RESERVED_ATTRIBUTE_NAMES: readonly string[] = [
  "id",
  "sub",
  "oid",
  "tid",
  "iss",
  "aud",
  "emailVerified",
  "email_verified",
  "phone_number_verified",
  "userType",
  "tenantId",
  "tenant",
  "accountEnabled",
  "createdVia",
  "createdAt",
  "identities",
  "identityProvider",
  "idp",
  "roles",
  "groups",
  "password",
];
