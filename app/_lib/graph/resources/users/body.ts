import { z } from "zod";
import { hasInvisibleCharacters, type AttributeValue } from "../../../directory";
import type { GraphTenant } from "../../context";
import { graphErrors } from "../../errors";
import { ATTRIBUTE_PROPERTIES, extensionPrefix, type AttributeProperty } from "./graph-user";

/** The writable user properties and Graph's length limits for them (contract §1). */
const visible = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (value) => !hasInvisibleCharacters(value),
      "must not contain invisible formatting characters (bidi controls, zero-width characters)",
    );
const text = (max: number) => visible(max).nullable().optional();
export const writableProperties = {
  displayName: text(256),
  givenName: text(64),
  surname: text(64),
  jobTitle: text(128),
  companyName: text(64),
  streetAddress: text(1024),
  city: text(128),
  state: text(128),
  postalCode: text(40),
  country: text(128),
  mobilePhone: text(64),
  preferredLanguage: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language tag such as nl-NL")
    .nullable()
    .optional(),
  accountEnabled: z.boolean().optional(),
};

/**
 * Read-only or Guestgate-managed properties: named in a 400 rather than ignored, so a client
 * learns its write did not happen.
 */
const READ_ONLY = new Set([
  "id",
  "createdDateTime",
  "creationType",
  "externalUserState",
  "externalUserStateChangeDateTime",
  "identities",
  "userType",
  "mail",
  "otherMails",
  "userPrincipalName",
  "businessPhones",
  "officeLocation",
  "mailNickname",
  "passwordProfile",
]);

const extensionValue = z.union([visible(1024), z.boolean(), z.number().int().safe(), z.null()]);

export interface UserChange {
  values: Record<string, AttributeValue>;
  remove: string[];
  displayName?: string | null;
  accountEnabled?: boolean;
}

/**
 * The parts of a body the directory stores: attribute values (null removes), the display name,
 * accountEnabled. `extra` are the keys the body schema let through beyond the declared ones;
 * each must be an `extension_<app>_<name>` of a custom attribute the tenant registered.
 */
export function userChange(
  tenant: GraphTenant,
  body: Record<string, unknown>,
  options: { allowed: ReadonlySet<string>; customAttributes: readonly string[] },
): UserChange {
  const refused = Object.keys(body).filter((key) => READ_ONLY.has(key) && !options.allowed.has(key));
  if (refused.length)
    throw graphErrors.badRequest(
      `Property '${refused.join("', '")}' is read-only and cannot be set.`,
      refused.map((target) => ({
        code: "ReadOnlyProperty",
        target,
        message: `${target} is read-only.`,
      })),
    );
  const change: UserChange = { values: {}, remove: [] };
  const prefix = extensionPrefix(tenant);
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (options.allowed.has(key) || value === undefined) continue;
    if (key === "displayName") change.displayName = value as string | null;
    else if (key === "accountEnabled") change.accountEnabled = value as boolean;
    else if (key in ATTRIBUTE_PROPERTIES) put(change, ATTRIBUTE_PROPERTIES[key as AttributeProperty], value as string | null);
    else if (key.startsWith(prefix) && options.customAttributes.includes(key.slice(prefix.length))) {
      const parsed = extensionValue.safeParse(value);
      if (!parsed.success) throw graphErrors.badRequest(`Invalid value for property '${key}'.`);
      put(change, key.slice(prefix.length), parsed.data);
    } else unknown.push(key);
  }
  if (unknown.length)
    throw graphErrors.badRequest(`Property '${unknown.join("', '")}' does not exist on type 'microsoft.graph.user'.`);
  return change;
}

function put(change: UserChange, name: string, value: AttributeValue | null): void {
  if (value === null) change.remove.push(name);
  else change.values[name] = value;
}

/** Whether the body names any extension property (then the route asks for the tenant's custom attributes). */
export const namesExtensions = (tenant: GraphTenant, body: Record<string, unknown>) =>
  Object.keys(body).some((key) => key.startsWith(extensionPrefix(tenant)));
