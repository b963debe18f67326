import type { AttributeValue, GuestDetails } from "../../../directory";
import { EMAIL_OTP_ISSUER } from "../../../journeys";
import type { GraphTenant } from "../../context";
import { etagAt } from "../../etags";

/**
 * A guest as Graph's `microsoft.graph.user` (contract §1). Decisions (Guestgate's, documented in
 * the report): `userPrincipalName` is `{mail with @ → _}#EXT#@{tenant slug}.guestgate` (the guest id
 * instead of the address when there is none); the email one-time-code issuer is shown as `mail`,
 * the issuer Entra uses for email OTP guests; every other issuer is shown as stored.
 */
export const UPN_DOMAIN_SUFFIX = ".guestgate";
export const GRAPH_EMAIL_OTP_ISSUER = "mail";

/** Graph property ↔ directory attribute name, for the properties a guest's attributes hold. */
export const ATTRIBUTE_PROPERTIES = {
  givenName: "givenName",
  surname: "surname",
  jobTitle: "jobTitle",
  companyName: "companyName",
  streetAddress: "streetAddress",
  city: "city",
  state: "state",
  postalCode: "postalCode",
  country: "country",
  mobilePhone: "phone",
  preferredLanguage: "preferredLanguage",
} as const;
export type AttributeProperty = keyof typeof ATTRIBUTE_PROPERTIES;

/** Graph's default set without `$select` (contract §1). */
export const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "id",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
] as const;

const OTHER_PROPERTIES = [
  "otherMails",
  "userType",
  "accountEnabled",
  "createdDateTime",
  "creationType",
  "externalUserState",
  "externalUserStateChangeDateTime",
  "identities",
  ...Object.keys(ATTRIBUTE_PROPERTIES),
];
const KNOWN = new Set<string>([...DEFAULT_PROPERTIES, ...OTHER_PROPERTIES]);

export const extensionPrefix = (tenant: GraphTenant) => `extension_${tenant.extensionsAppId}_`;

export function isKnownProperty(tenant: GraphTenant, name: string): boolean {
  return KNOWN.has(name) || (name.startsWith(extensionPrefix(tenant)) && name.length > extensionPrefix(tenant).length);
}

export function userPrincipalName(tenant: GraphTenant, guest: Pick<GuestDetails, "id" | "email">): string {
  return `${guest.email ? guest.email.replace("@", "_") : guest.id}#EXT#@${tenant.slug}${UPN_DOMAIN_SUFFIX}`;
}

/** The address a guest UPN was made from, or undefined when `upn` is not one of ours. Accepts `#EXT@` (contract §1). */
export function emailOfUserPrincipalName(upn: string): string | undefined {
  const local = /^(.+)#EXT#?@[^@]+$/.exec(upn)?.[1];
  const at = local?.lastIndexOf("_") ?? -1;
  // Domains hold no `_`, so the last one is where the `@` was.
  return local && at > 0 ? `${local.slice(0, at)}@${local.slice(at + 1)}` : undefined;
}

export const graphIssuer = (stored: string) => (stored === EMAIL_OTP_ISSUER ? GRAPH_EMAIL_OTP_ISSUER : stored);
export const storedIssuer = (graph: string) => (graph === GRAPH_EMAIL_OTP_ISSUER ? EMAIL_OTP_ISSUER : graph);

/** The weak ETag PATCH's If-Match is compared with: the guest's last change, to the millisecond. */
export const etagOf = (guest: Pick<GuestDetails, "updatedAt">) => etagAt(guest.updatedAt);

const CREATION_TYPES: Record<string, string> = { selfServiceSignUp: "SelfServiceSignUp", invitation: "Invitation" };
/** Graph's externalUserState for the states that name one; `PendingApproval` is Guestgate's (docs/GRAPH.md). */
const EXTERNAL_STATES: Partial<Record<GuestDetails["state"], string>> = {
  pendingAcceptance: "PendingAcceptance",
  pendingApproval: "PendingApproval",
};

/** Every property of the guest, before `$select`. */
export function toGraphUser(tenant: GraphTenant, guest: GuestDetails): Record<string, unknown> {
  const text = (name: string) => scalar(guest.attributes[name]);
  const upn = userPrincipalName(tenant, guest);
  const invited = guest.createdVia === "invitation";
  const user: Record<string, unknown> = {
    id: guest.id,
    displayName: guest.displayName,
    mail: guest.email,
    otherMails: guest.email ? [guest.email] : [],
    userPrincipalName: upn,
    userType: guest.userType,
    accountEnabled: guest.state !== "blocked",
    createdDateTime: guest.createdAt.toISOString(),
    creationType: CREATION_TYPES[guest.createdVia] ?? null,
    // Every pending guest awaits a redemption; only invitees have accepted one (the filter maps the same way).
    externalUserState: EXTERNAL_STATES[guest.state] ?? (invited ? "Accepted" : null),
    externalUserStateChangeDateTime: guest.stateChangedAt?.toISOString() ?? null,
    identities: [
      ...guest.identities.map((i) => ({ signInType: "federated", issuer: graphIssuer(i.issuer), issuerAssignedId: i.subject })),
      { signInType: "userPrincipalName", issuer: `${tenant.slug}${UPN_DOMAIN_SUFFIX}`, issuerAssignedId: upn },
    ],
    businessPhones: [],
    officeLocation: null,
  };
  for (const [property, attribute] of Object.entries(ATTRIBUTE_PROPERTIES)) user[property] = text(attribute);
  const graphNamed = new Set<string>(Object.values(ATTRIBUTE_PROPERTIES));
  for (const [name, value] of Object.entries(guest.attributes))
    if (!graphNamed.has(name) && name !== "displayName" && name !== "email")
      user[`${extensionPrefix(tenant)}${name}`] = Array.isArray(value) ? [...value] : value;
  return user;
}

function scalar(value: AttributeValue | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : String(value);
}
