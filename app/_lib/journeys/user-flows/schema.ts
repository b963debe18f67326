import { z } from "zod";
import { isCountryCode } from "../../directory";
import { SUPPORTED_LOCALES } from "../../i18n";
import { emailDomainSchema, type Tenant } from "../../tenant";
import { attributeEntrySchema, clientIdSchema } from "./attribute-entry";
import { checkAcrossFlows, checkFlowAgainstTenant, type TenantContext } from "./tenant-checks";
import type { UserFlow } from "./types";

export interface UserFlowsFileOptions {
  /** Client ids registered in the tenant; when given, a flow may assign only these. */
  knownClientIds?: Iterable<string>;
  /** The source messages (messages/en.json); when given, override keys must exist and keep to its ICU arguments. */
  sourceMessages?: unknown;
}

const flowName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}[a-z0-9]$/, "3–64 lower-case letters, digits or hyphens, starting with a letter");
const messageKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/, "a message key such as signup.title");

const unique = <T extends z.ZodType<string>>(item: T, what: string) =>
  z.array(item).superRefine((list, ctx) => {
    list.forEach((value, index) => {
      if (list.indexOf(value) !== index)
        ctx.addIssue({ code: "custom", path: [index], message: `${what} "${value}" is listed twice` });
    });
  });

/** A document's address per page language: https only (no script or data URL reaches a page). */
const localizedLink = z
  .partialRecord(z.enum(SUPPORTED_LOCALES), z.url({ protocol: /^https$/, error: "an https:// address" }).max(2048))
  .refine((links) => Object.keys(links).length > 0, "a link in at least one language");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const connectorId = z.string().regex(GUID, "an API connector id (a GUID)");

/** The structure of one flow, before anything is checked against the tenant. */
const flowShape = z.strictObject({
  name: flowName,
  displayName: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  signUpAllowed: z.boolean().default(true),
  identityProviders: unique(z.string(), "identity provider").min(1, "offer at least one identity provider"),
  defaultCountry: z.string().refine(isCountryCode, "an ISO 3166-1 alpha-2 country code, such as NL").optional(),
  attributes: z.array(attributeEntrySchema).max(50),
  tokenClaims: unique(z.string(), "claim").default([]),
  overrides: z.partialRecord(z.enum(SUPPORTED_LOCALES), z.record(messageKey, z.string().min(1).max(2000))).default({}),
  applications: unique(clientIdSchema, "application").default([]),
  /** Narrows the tenant's sign-up domains for this flow (the tenant's rules apply as well); one list or the other. */
  signUpDomains: z
    .strictObject({
      allowed: unique(emailDomainSchema, "domain").max(1000).optional(),
      blocked: unique(emailDomainSchema, "domain").max(1000).optional(),
    })
    .refine((domains) => !(domains.allowed && domains.blocked), { message: "allowed and blocked cannot both be set" })
    .optional(),
  /**
   * Self-service sign-ups wait for an administrator's decision (the approval queue). Addresses of
   * `autoApproveDomains` are admitted at once, and so are those of a domain of a `configured`
   * connected organisation when `autoApproveConnectedOrganizations` is true (all of them, as Entra's
   * `allConfiguredConnectedOrganizationUsers`) or lists its id (as `specificConnectedOrganizationUsers`); a request still undecided after `autoDenyAfterDays`
   * is refused by the `sign-up-approvals` job; `approverGroupId` names the group whose members are
   * asked instead of the tenant's User and Global Administrators.
   */
  signUpApproval: z
    .strictObject({
      autoApproveDomains: unique(emailDomainSchema, "domain").max(1000).default([]),
      autoApproveConnectedOrganizations: z
        .union([
          z.boolean(),
          unique(z.string().regex(GUID, "a connected organization id (a GUID)"), "connected organization").max(100),
        ])
        .default(false),
      autoDenyAfterDays: z.number().int().min(1).max(365).optional(),
      approverGroupId: z.string().regex(GUID, "a group id (a GUID)").optional(),
    })
    .optional(),
  /**
   * Terms of use and privacy statement the person must accept (a required checkbox on the attribute
   * page; a returning guest who accepted another `version` is asked again). Links per language.
   */
  termsAcceptance: z
    .strictObject({
      version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "1–64 letters, digits, dots, hyphens or underscores"),
      termsUrl: localizedLink,
      privacyUrl: localizedLink,
    })
    .optional(),
  /** The API connectors (ids of `identity/apiConnectors`) called at Entra's two sign-up steps. */
  apiConnectors: z
    .strictObject({ postFederationSignup: connectorId.optional(), postAttributeCollection: connectorId.optional() })
    .optional(),
  /** Custom authentication extensions (ids of `identity/customAuthenticationExtensions`) by event. */
  customAuthenticationExtensions: z
    .strictObject({
      onAttributeCollectionStart: connectorId.optional(),
      onAttributeCollectionSubmit: connectorId.optional(),
      onOtpSend: connectorId.optional(),
    })
    .optional(),
});

/** One user flow, checked against its tenant: identity providers, languages, apps, message keys. */
export function userFlowSchema(tenant: Tenant, options: UserFlowsFileOptions = {}) {
  const context = tenantContext(tenant, options);
  return flowShape.superRefine((flow, ctx) => checkFlowAgainstTenant(flow, context, ctx)) as z.ZodType<UserFlow, unknown>;
}

/**
 * A tenant's user-flows file: `{ "$schema"?, "userFlows": [...] }`. Besides each flow's own
 * checks, an app is assigned to at most one flow and a custom attribute name means one thing
 * across the file (values are stored by name).
 */
export function userFlowsFileSchema(tenant: Tenant, options: UserFlowsFileOptions = {}) {
  return z
    .strictObject({ $schema: z.string().optional(), userFlows: z.array(userFlowSchema(tenant, options)) })
    .superRefine((file, ctx) => checkAcrossFlows(file.userFlows, ctx));
}

function tenantContext(tenant: Tenant, options: UserFlowsFileOptions): TenantContext {
  return {
    slug: tenant.slug,
    locales: tenant.locales.enabled,
    identityProviders: tenant.identityProviders.map((p) => p.id),
    knownClientIds: options.knownClientIds ? new Set(options.knownClientIds) : undefined,
    sourceMessages: options.sourceMessages,
  };
}
