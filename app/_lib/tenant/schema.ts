import { z } from "zod";
import { SUPPORTED_LOCALES } from "../i18n";
import { contrastRatio } from "./branding";

/**
 * The tenants config file. Everything an operator may write is declared here once: the loader
 * validates with it, and `npm run config:schema` turns it into the JSON Schema editors use.
 */

/** Path segments the app routes itself; a tenant with one of these slugs would be unreachable. */
export const RESERVED_SLUGS = ["api", "admin", "common", "organizations", "consumers", "dev", "_next", "static"];

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, "3–40 lower-case letters, digits or hyphens, starting with a letter")
  .refine((s) => !RESERVED_SLUGS.includes(s), "this slug is reserved");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const freshGuid = () => globalThis.crypto.randomUUID();

/**
 * The tenant's GUID, as Entra tenant ids are: the `tid` claim of its tokens and `tenantId` in the
 * management API. Unlike the slug it never changes, so applications may key on it. The errors
 * offer a freshly generated one, since an operator adding a tenant has none yet.
 */
const tenantGuid = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? `is required: a GUID that names this tenant for good, for example "${freshGuid()}" (generate it once; never change it)`
        : "a GUID",
  })
  .regex(GUID, { error: () => `a GUID in lower case, for example "${freshGuid()}"` })
  .describe(
    "The tenant's stable GUID (the tid claim in tokens; tenantId in the management API). Never changes, even when the slug does.",
  );

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour as #rrggbb");

/** A file under public/ (served from the site's own origin, so the CSP needs no exception). */
const publicAsset = z
  .string()
  .regex(/^\/(?!\/)[A-Za-z0-9._\-/]+$/, "a path under public/, such as /tenants/acme/logo.svg")
  .refine((p) => !p.split("/").includes(".."), "must not contain '..'");

const httpsUrl = z.url({ protocol: /^https$/, error: "an https:// URL" });

const locale = z.enum(SUPPORTED_LOCALES);

/** Secrets never sit in the file: the file names the environment variable that holds one. */
const envVarName = z.string().regex(/^[A-Z][A-Z0-9_]{0,127}$/, "the NAME of an environment variable (A–Z, 0–9, _)");

const branding = z
  .strictObject({
    logo: publicAsset,
    logoAlt: z.string().min(1).max(120).optional(),
    favicon: publicAsset,
    primaryColor: hexColor,
    accentColor: hexColor,
    backgroundColor: hexColor,
    backgroundImage: publicAsset.optional(),
    footerLinks: z
      .strictObject({ privacy: httpsUrl.optional(), terms: httpsUrl.optional(), support: httpsUrl.optional() })
      .default({}),
  })
  // WCAG 2.2 SC 1.4.3 / 1.4.11, checked where each colour is used, so that a tenant cannot make its
  // own pages unreadable: text on brand colours is picked black or white (readableTextOn), but the
  // primary colour is also text and borders on the white card, and the accent is behind black text.
  .superRefine((value, ctx) => {
    const uses = [
      ["primaryColor", value.primaryColor, "#ffffff", "headings, links and borders on the white card"],
      ["accentColor", value.accentColor, "#000000", "the background of black hint text"],
    ] as const;
    for (const [path, colour, against, where] of uses) {
      if (!/^#[0-9a-fA-F]{6}$/.test(colour)) continue; // hexColor reports it
      const ratio = contrastRatio(colour.toLowerCase(), against);
      if (ratio < MIN_TEXT_CONTRAST)
        ctx.addIssue({
          code: "custom",
          path: [path],
          message: `${colour} has a contrast of ${ratio.toFixed(2)}:1 with ${against} (${where}); WCAG 2.2 needs ${MIN_TEXT_CONTRAST}:1 — choose a ${against === "#ffffff" ? "darker" : "lighter"} colour`,
        });
    }
  });

/** WCAG 2.2 SC 1.4.3: normal-size text. */
const MIN_TEXT_CONTRAST = 4.5;

const oauthApp = {
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  clientId: z.string().min(1).max(255),
  clientSecretEnv: envVarName,
};

/** Which Microsoft accounts an Entra provider accepts: a named directory, or one of the multi-tenant audiences. */
const entraAudience = z.union([
  z.enum(["organizations", "consumers", "common"]),
  z.uuid(),
  z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "a directory's domain name"),
]);

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Replaces a built-in provider's issuer: for a sovereign cloud (https://login.microsoftonline.us/…),
 * or for tests against a local OpenID provider — the real provider code still runs, only the place
 * it discovers its endpoints (OpenID Connect Discovery §4) changes. Plain http only on a loopback host.
 */
const issuerOverride = z
  .url({ protocol: /^https?$/, error: "an https:// URL (http:// only for localhost)" })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || LOOPBACK_HOSTS.includes(url.hostname);
  }, "an https:// URL (http:// only for localhost)")
  .refine(
    (value) => !new URL(value).search && !new URL(value).hash,
    "an issuer has no query or fragment (OpenID Connect Discovery §2)",
  )
  .describe("Optional: replaces the provider's issuer (a sovereign cloud, or a local OpenID provider in tests).");

export const identityProviderSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("microsoft-entra"),
    ...oauthApp,
    audience: entraAudience,
    /** The whole issuer, audience included (default https://login.microsoftonline.com/{audience}/v2.0). */
    issuer: issuerOverride.optional(),
  }),
  z.strictObject({
    kind: z.literal("google"),
    ...oauthApp,
    /** Default https://accounts.google.com. */
    issuer: issuerOverride.optional(),
  }),
  z.strictObject({ kind: z.literal("facebook"), ...oauthApp }),
  z.strictObject({ kind: z.literal("github"), ...oauthApp }),
  z.strictObject({
    kind: z.literal("oidc"),
    ...oauthApp,
    displayName: z.string().min(1).max(80),
    issuer: z.url({ protocol: /^https?$/ }),
  }),
  z.strictObject({ kind: z.literal("email-otp"), id: oauthApp.id }),
]);

/** A domain as written in an allow- or deny-list: lower-case labels, no scheme, no "@". */
export const emailDomainSchema = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a domain in lower case, e.g. partner.example");

/**
 * Invitations (Entra's external collaboration settings): how long a ticket lives, where a redeemed
 * invitation may send the browser besides the tenant's applications, which domains may be invited
 * (an allow-list or a deny-list, never both), and when a pending invitee is reminded.
 */
const invitationSettings = z
  .strictObject({
    ticketLifetimeDays: z.number().int().min(1).max(365).default(30),
    redirectAllowList: z
      .array(z.url({ protocol: /^https?$/ }))
      .max(100)
      .default([]),
    allowedDomains: z.array(emailDomainSchema).max(1000).optional(),
    blockedDomains: z.array(emailDomainSchema).max(1000).optional(),
    /** Days after the last e-mail before one reminder goes out; 0: never. */
    reminderAfterDays: z.number().int().min(0).max(90).default(7),
  })
  .refine((settings) => !(settings.allowedDomains && settings.blockedDomains), {
    message: "allowedDomains and blockedDomains cannot both be set (Entra allows one list or the other)",
  })
  .default({ ticketLifetimeDays: 30, redirectAllowList: [], reminderAfterDays: 7 });

interface Limit {
  limit: number;
  windowMinutes: number;
}

/** One counted event, per client address and per tenant: at most `limit` in each window; 0 turns a counter off. */
function limitPair(perClient: Limit, perTenant: Limit) {
  const limit = (fallback: Limit) =>
    z
      .strictObject({ limit: z.number().int().min(0).max(1_000_000), windowMinutes: z.number().int().min(1).max(1440) })
      .default(fallback);
  return z.strictObject({ perClient: limit(perClient), perTenant: limit(perTenant) }).default({ perClient, perTenant });
}

/** Generous for people, tight for scripts: a household or office behind one address still gets through. */
const LIMIT_DEFAULTS = {
  journeysStarted: { perClient: { limit: 100, windowMinutes: 15 }, perTenant: { limit: 20_000, windowMinutes: 15 } },
  passcodesSent: { perClient: { limit: 20, windowMinutes: 15 }, perTenant: { limit: 2_000, windowMinutes: 15 } },
  signUps: { perClient: { limit: 10, windowMinutes: 60 }, perTenant: { limit: 1_000, windowMinutes: 60 } },
};

/** Counts of a sign-up limit's own window from which the challenge is asked; absent: never on this count. */
const threshold = z.strictObject({
  perClient: z.number().int().min(0).max(1_000_000).optional(),
  perTenant: z.number().int().min(0).max(1_000_000).optional(),
});

/**
 * The proof-of-work challenge (ALTCHA, solved by the browser with the self-hosted widget) on the
 * sign-up journey's passcode sends and on the sign-up's attribute form. `off` (the default) keeps
 * the guest pages script-free; `always` asks it on every such step; `aboveRate` asks it of a
 * journey once the journeys-started or passcodes-sent counter (the limits' windows, per client
 * address or per tenant) has reached its threshold. `cost` is the PBKDF2 iterations of one try and
 * `maxTries` the most tries a solution takes (the server draws its answer between half of it and all
 * of it): the defaults took 0.3 s on one core of the build machine in Node, verifying under 1 ms.
 */
const proofOfWork = z
  .strictObject({
    mode: z.enum(["off", "always", "aboveRate"]).default("off"),
    aboveRate: z.strictObject({ journeysStarted: threshold.optional(), passcodesSent: threshold.optional() }).default({}),
    cost: z.number().int().min(1).max(100_000).default(1_000),
    maxTries: z.number().int().min(2).max(1_000_000).default(2_000),
    expiresMinutes: z.number().int().min(1).max(60).default(10),
  })
  .refine((pow) => pow.mode !== "aboveRate" || pow.aboveRate.journeysStarted || pow.aboveRate.passcodesSent, {
    message: 'mode "aboveRate" needs a threshold in aboveRate.journeysStarted or aboveRate.passcodesSent',
  })
  .default({ mode: "off", aboveRate: {}, cost: 1_000, maxTries: 2_000, expiresMinutes: 10 });

/**
 * What keeps abuse out of self-service sign-up (never out of sign-in: an existing guest is not
 * held by any of this). Domains are matched exactly, as in the invitation lists; one list or the
 * other. Disposable addresses are refused by default, from the maintained list of the
 * `disposable-email-domains-js` package (`npm update` refreshes it). The limits count, per client
 * address and per tenant: sign-up journeys started (over the limit a journey still signs existing
 * guests in, but creates nobody), passcodes sent to addresses no guest has, and sign-ups (a new
 * identity proven that would become a guest).
 */
const signUpProtection = z
  .strictObject({
    allowedDomains: z.array(emailDomainSchema).max(1000).optional(),
    blockedDomains: z.array(emailDomainSchema).max(1000).optional(),
    refuseDisposableAddresses: z.boolean().default(true),
    limits: z
      .strictObject({
        journeysStarted: limitPair(LIMIT_DEFAULTS.journeysStarted.perClient, LIMIT_DEFAULTS.journeysStarted.perTenant),
        passcodesSent: limitPair(LIMIT_DEFAULTS.passcodesSent.perClient, LIMIT_DEFAULTS.passcodesSent.perTenant),
        signUps: limitPair(LIMIT_DEFAULTS.signUps.perClient, LIMIT_DEFAULTS.signUps.perTenant),
      })
      .default(LIMIT_DEFAULTS),
    proofOfWork,
  })
  .refine((settings) => !(settings.allowedDomains && settings.blockedDomains), {
    message: "allowedDomains and blockedDomains cannot both be set (one list or the other)",
  })
  .superRefine((settings, ctx) => {
    // A threshold is read from the limit's counter: a counter that is off (limit 0) never reaches it.
    for (const name of ["journeysStarted", "passcodesSent"] as const)
      for (const side of ["perClient", "perTenant"] as const)
        if (settings.proofOfWork.aboveRate[name]?.[side] !== undefined && settings.limits[name][side].limit === 0)
          ctx.addIssue({
            code: "custom",
            path: ["proofOfWork", "aboveRate", name, side],
            message: `is read from limits.${name}.${side}, which is off (limit 0)`,
          });
  })
  .default({
    refuseDisposableAddresses: true,
    limits: LIMIT_DEFAULTS,
    proofOfWork: { mode: "off", aboveRate: {}, cost: 1_000, maxTries: 2_000, expiresMinutes: 10 },
  });

/**
 * An initial administrator: an e-mail address (a Global Administrator) or `{ email, role }` with
 * the Entra directory role it holds. The seed creates the Member and its role; later changes are
 * the portal's.
 */
const administrator = z
  .union([
    z.email(),
    z.strictObject({
      email: z.email(),
      role: z.enum(["globalAdministrator", "userAdministrator", "applicationAdministrator", "guestInviter", "directoryReader"]),
    }),
  ])
  .transform((entry) => (typeof entry === "string" ? { email: entry, role: "globalAdministrator" as const } : entry));

export const tenantSchema = z
  .strictObject({
    id: tenantGuid,
    slug,
    displayName: z.string().min(1).max(100),
    branding,
    locales: z.strictObject({ enabled: z.array(locale).min(1), default: locale }),
    identityProviders: z.array(identityProviderSchema).default([]),
    selfServiceSignUp: z.strictObject({ enabled: z.boolean() }).default({ enabled: false }),
    signUpProtection,
    invitations: invitationSettings,
    administrators: z.array(administrator).default([]),
    /**
     * The admin portal's sign-in: which of the tenant's identity providers administrators may use
     * besides the e-mail passcode (ids of `identityProviders`), and whether a passkey is required
     * by default (Settings can change it; what it stores wins).
     */
    admin: z
      .strictObject({
        identityProviders: z.array(z.string().min(1)).default([]),
        passkeyRequired: z.boolean().default(false),
      })
      .default({ identityProviders: [], passkeyRequired: false }),
  })
  .superRefine((tenant, ctx) => {
    if (!tenant.locales.enabled.includes(tenant.locales.default)) {
      ctx.addIssue({ code: "custom", path: ["locales", "default"], message: "must be one of locales.enabled" });
    }
    if (new Set(tenant.locales.enabled).size !== tenant.locales.enabled.length) {
      ctx.addIssue({ code: "custom", path: ["locales", "enabled"], message: "lists a language twice" });
    }
    tenant.identityProviders.forEach((provider, index) => {
      if (tenant.identityProviders.findIndex((p) => p.id === provider.id) !== index) {
        ctx.addIssue({ code: "custom", path: ["identityProviders", index, "id"], message: `"${provider.id}" is used twice` });
      }
    });
    tenant.admin.identityProviders.forEach((id, index) => {
      if (!tenant.identityProviders.some((provider) => provider.id === id))
        ctx.addIssue({
          code: "custom",
          path: ["admin", "identityProviders", index],
          message: `"${id}" is not one of identityProviders`,
        });
    });
  });

export const tenantsConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Show the tenant list on `/`; handy for a demo, usually off in production. */
    listTenantsOnHome: z.boolean().default(false),
    tenants: z.array(tenantSchema).min(1),
  })
  .superRefine((config, ctx) => {
    config.tenants.forEach((tenant, index) => {
      if (config.tenants.findIndex((t) => t.slug === tenant.slug) !== index) {
        ctx.addIssue({ code: "custom", path: ["tenants", index, "slug"], message: `"${tenant.slug}" is used twice` });
      }
      if (config.tenants.findIndex((t) => t.id === tenant.id) !== index) {
        ctx.addIssue({
          code: "custom",
          path: ["tenants", index, "id"],
          message: `"${tenant.id}" is used twice: every tenant needs its own, for example "${freshGuid()}"`,
        });
      }
    });
  });

export type TenantsConfig = z.infer<typeof tenantsConfigSchema>;
export type Tenant = z.infer<typeof tenantSchema>;
export type Branding = Tenant["branding"];
export type InvitationSettings = Tenant["invitations"];
export type SignUpProtectionSettings = Tenant["signUpProtection"];
export type SignUpLimitName = keyof SignUpProtectionSettings["limits"];
export type ProofOfWorkSettings = SignUpProtectionSettings["proofOfWork"];
export type IdentityProviderConfig = z.infer<typeof identityProviderSchema>;
