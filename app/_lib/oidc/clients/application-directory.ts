import type { Actor, AuditEventInput } from "../../directory";
import { appRoleId } from "./app-roles";
import { MANAGEMENT_PERMISSIONS } from "../constants";
import { GUID, randomGuid, randomToken, sha256 } from "../crypto";
import type { ClientType, Clock, GrantType } from "../ports";
import { mayAdministerApplications } from "./administration";
import type {
  ApplicationDirectoryStore,
  ApplicationFields,
  ApplicationFilter,
  RedirectPlatform,
  StoredAppRole,
  StoredApplication,
} from "./application-directory-store";
import { localizedNamesProblems, normaliseLocalizedNames, type LocalizedNames } from "./localized-names";
import { redirectUriProblem } from "./redirect-uri";

/**
 * Applications as the Graph `applications` resource manages them (contract §2): every verb takes
 * its actor, checks it, and writes its audit event in the same transaction as the change.
 *
 * clientType follows from what the application has (a decision, documented here): confidential
 * when it has a web redirect URI or a password credential, public otherwise. Grant types follow
 * too: authorization_code + refresh_token when it has a redirect URI, client_credentials when it
 * is confidential (so a secret from addPassword works with the token endpoint right away).
 */
export type ApplicationKey = { id: string } | { appId: string };

export interface AppRoleView {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: ("User" | "Application")[];
  isEnabled: boolean;
}

export interface ApplicationView {
  id: string;
  appId: string;
  displayName: string;
  createdAt: Date;
  /** Opaque: changes with every write (`update`'s `ifVersion`). */
  version: string;
  clientType: ClientType;
  redirectUris: Record<RedirectPlatform, string[]>;
  /** Where RP-initiated logout may return to (OpenID Connect RP-Initiated Logout §3). */
  postLogoutRedirectUris: string[];
  logoutUrl: string | null;
  homePageUrl: string | null;
  appRoles: AppRoleView[];
  groupMembershipClaims: string;
  /** Profile data only for the OIDC scopes asked (ApplicationRecord.claimsByScope). */
  claimsByScope: boolean;
  /** The name per page language (Graph `guestgateLocalizedDisplayNames`). */
  localizedDisplayNames: LocalizedNames;
  permissions: string[];
  updatedAt: Date;
  passwords: { keyId: string; displayName: string | null; hint: string; startDateTime: Date; endDateTime: Date }[];
}

export interface ApplicationChanges {
  displayName?: string;
  web?: { redirectUris?: string[]; logoutUrl?: string | null; homePageUrl?: string | null };
  spa?: { redirectUris?: string[] };
  publicClient?: { redirectUris?: string[] };
  appRoles?: AppRoleView[];
  groupMembershipClaims?: string | null;
  claimsByScope?: boolean;
  /** The whole map (a PATCH replaces it, as Graph replaces a collection); {} removes every name. */
  localizedDisplayNames?: LocalizedNames;
  /** Guestgate's `guestgatePermissions` (contract §8 rule 4). */
  permissions?: string[];
  /** The whole list (the portal's, the CLI's `--post-logout-redirect-uri`); Graph sets it through web.logoutUrl. */
  postLogoutRedirectUris?: string[];
}

export interface IssuedPassword {
  keyId: string;
  displayName: string | null;
  hint: string;
  secretText: string;
  startDateTime: Date;
  endDateTime: Date;
}

export class ApplicationDirectoryError extends Error {
  override readonly name = "ApplicationDirectoryError";
  constructor(
    /** `modified`: the row changed since the caller read it (If-Match) or under every retry. */
    readonly code: "notFound" | "conflict" | "invalid" | "forbidden" | "modified",
    message: string,
    /** The Graph property at fault (invalid, conflict). */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isApplicationDirectoryError = (error: unknown): error is ApplicationDirectoryError =>
  error instanceof Error && error.name === "ApplicationDirectoryError";

export interface ApplicationDirectory {
  get(actor: Actor, tenantId: string, key: ApplicationKey): Promise<ApplicationView>;
  list(
    actor: Actor,
    tenantId: string,
    query: { filter?: ApplicationFilter; after?: string; top: number },
  ): Promise<{ items: ApplicationView[]; more: boolean }>;
  create(
    actor: Actor,
    tenantId: string,
    input: ApplicationChanges & { displayName: string; appId?: string },
    correlationId?: string,
  ): Promise<ApplicationView>;
  /**
   * Applies `changes` to the row as read and writes it only if nobody changed it meanwhile (read
   * again and retried a few times, then `modified`); with `unchangedSince` (If-Match), a row
   * changed since then is `modified` at once. Removing an app role still assigned is `invalid`.
   */
  update(
    actor: Actor,
    tenantId: string,
    key: ApplicationKey,
    changes: ApplicationChanges,
    correlationId?: string,
    condition?: { unchangedSince?: Date; ifVersion?: string },
  ): Promise<void>;
  delete(actor: Actor, tenantId: string, key: ApplicationKey, correlationId?: string): Promise<void>;
  addPassword(
    actor: Actor,
    tenantId: string,
    key: ApplicationKey,
    input: { displayName?: string | null; endDateTime?: Date },
    correlationId?: string,
  ): Promise<IssuedPassword>;
  removePassword(actor: Actor, tenantId: string, key: ApplicationKey, keyId: string, correlationId?: string): Promise<void>;
}

const MAX_PASSWORD_LIFETIME_MS = 2 * 365.25 * 24 * 3600 * 1000;
const GROUP_MEMBERSHIP_CLAIMS = ["None", "SecurityGroup", "DirectoryRole", "ApplicationGroup", "All"];
const ROLE_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/** Loopback and custom-scheme URIs belong to native apps (RFC 8252 §7.1, §7.3). */
const isNativeUri = (uri: string) => !uri.startsWith("https://");

export function toApplicationView(app: StoredApplication): ApplicationView {
  const redirectUris: Record<RedirectPlatform, string[]> = { web: [], spa: [], publicClient: [] };
  for (const uri of app.redirectUris) {
    const platform =
      app.redirectUriPlatforms[uri] ?? (app.clientType === "confidential" ? "web" : isNativeUri(uri) ? "publicClient" : "spa");
    redirectUris[platform].push(uri);
  }
  return {
    id: app.id,
    appId: app.clientId,
    displayName: app.name,
    createdAt: app.createdAt,
    version: app.updatedAt.toISOString(),
    clientType: app.clientType,
    redirectUris,
    postLogoutRedirectUris: app.postLogoutRedirectUris,
    logoutUrl: app.logoutUrl,
    homePageUrl: app.homePageUrl,
    appRoles: app.appRoles.map((role) => ({
      id: appRoleId(app.clientId, role),
      value: role.value,
      displayName: role.displayName,
      description: role.description,
      allowedMemberTypes: role.allowedMemberTypes,
      isEnabled: role.isEnabled ?? true,
    })),
    groupMembershipClaims: app.groupMembershipClaims,
    claimsByScope: app.claimsByScope ?? false,
    localizedDisplayNames: app.localizedDisplayNames ?? {},
    permissions: app.permissions,
    updatedAt: app.updatedAt,
    passwords: app.secrets.map((s) => ({
      keyId: s.id,
      displayName: s.displayName,
      hint: s.hint,
      startDateTime: s.createdAt,
      endDateTime: s.expiresAt,
    })),
  };
}

const invalid = (field: string, message: string) => new ApplicationDirectoryError("invalid", message, field);

function checkUri(field: string, uri: string | null | undefined) {
  if (uri === null || uri === undefined) return;
  const problem = redirectUriProblem(uri);
  if (problem) throw invalid(field, `${field}: ${uri} ${problem}`);
}

/** The stored fields after applying `changes` to `current` (a view of the stored row, or empty). */
function applyChanges(
  stored: StoredApplication | undefined,
  hasSecrets: boolean,
  changes: ApplicationChanges,
): ApplicationFields {
  const current = stored ? toApplicationView(stored) : { ...EMPTY, displayName: changes.displayName ?? "" };
  const displayName = changes.displayName ?? current.displayName;
  if (!displayName.trim() || displayName.length > 256) throw invalid("displayName", "displayName: 1–256 characters");
  const [namesProblem] = localizedNamesProblems(changes.localizedDisplayNames, "guestgateLocalizedDisplayNames");
  if (namesProblem) throw invalid("guestgateLocalizedDisplayNames", namesProblem);
  const uris: Record<RedirectPlatform, string[]> = {
    web: changes.web?.redirectUris ?? current.redirectUris.web,
    spa: changes.spa?.redirectUris ?? current.redirectUris.spa,
    publicClient: changes.publicClient?.redirectUris ?? current.redirectUris.publicClient,
  };
  const platforms: Record<string, RedirectPlatform> = {};
  for (const platform of ["web", "spa", "publicClient"] as const) {
    for (const uri of uris[platform]) {
      checkUri(`${platform}.redirectUris`, uri);
      if (platforms[uri]) throw invalid(`${platform}.redirectUris`, `${platform}.redirectUris: ${uri} is listed twice`);
      platforms[uri] = platform;
    }
  }
  const logoutUrl = changes.web?.logoutUrl !== undefined ? changes.web.logoutUrl : current.logoutUrl;
  const homePageUrl = changes.web?.homePageUrl !== undefined ? changes.web.homePageUrl : current.homePageUrl;
  checkUri("web.logoutUrl", logoutUrl);
  checkUri("web.homePageUrl", homePageUrl);
  for (const uri of changes.postLogoutRedirectUris ?? []) checkUri("postLogoutRedirectUris", uri);
  if (changes.postLogoutRedirectUris && new Set(changes.postLogoutRedirectUris).size !== changes.postLogoutRedirectUris.length)
    throw invalid("postLogoutRedirectUris", "postLogoutRedirectUris: a URI is listed twice");

  const appRoles = changes.appRoles ?? current.appRoles;
  if (changes.appRoles) checkAppRoles(current.appRoles, changes.appRoles);
  const groupMembershipClaims =
    changes.groupMembershipClaims === undefined ? current.groupMembershipClaims : (changes.groupMembershipClaims ?? "None");
  if (!GROUP_MEMBERSHIP_CLAIMS.includes(groupMembershipClaims))
    throw invalid("groupMembershipClaims", `groupMembershipClaims: one of ${GROUP_MEMBERSHIP_CLAIMS.join(", ")}`);
  const permissions = changes.permissions ?? current.permissions;
  for (const permission of permissions)
    if (!(MANAGEMENT_PERMISSIONS as readonly string[]).includes(permission))
      throw invalid(
        "guestgatePermissions",
        `guestgatePermissions: ${permission} is not one of ${MANAGEMENT_PERMISSIONS.join(", ")}`,
      );

  const redirectUris = [...uris.web, ...uris.spa, ...uris.publicClient];
  const clientType: ClientType = uris.web.length > 0 || hasSecrets ? "confidential" : "public";
  // A public client's permissions are delegated only: it has no secret for client_credentials.
  // A change that leaves URIs and client type alone keeps the grant types configured elsewhere (the CLI's).
  const urisChanged = !!(changes.web?.redirectUris || changes.spa?.redirectUris || changes.publicClient?.redirectUris);
  const derived = grantTypesFor(redirectUris.length > 0, clientType);
  const grantTypes =
    stored && !urisChanged && stored.clientType === clientType
      ? [...new Set([...stored.grantTypes, ...(permissions.length ? derived.filter((g) => g === "client_credentials") : [])])]
      : derived;
  return {
    name: displayName.trim(),
    clientType,
    redirectUris,
    // Graph has no post-logout list; the front-channel logout URL is the one an RP returns to here.
    postLogoutRedirectUris: changes.postLogoutRedirectUris
      ? [...changes.postLogoutRedirectUris]
      : stored && changes.web?.logoutUrl === undefined
        ? stored.postLogoutRedirectUris
        : logoutUrl
          ? [logoutUrl]
          : [],
    grantTypes,
    appRoles: appRoles.map((r): StoredAppRole => ({ ...r })),
    permissions: [...new Set(permissions)],
    redirectUriPlatforms: platforms,
    homePageUrl: homePageUrl ?? null,
    logoutUrl: logoutUrl ?? null,
    groupMembershipClaims,
    claimsByScope: changes.claimsByScope ?? stored?.claimsByScope ?? false,
    localizedDisplayNames: normaliseLocalizedNames(changes.localizedDisplayNames ?? stored?.localizedDisplayNames),
  };
}

function grantTypesFor(hasRedirectUris: boolean, clientType: ClientType): GrantType[] {
  return [
    ...(hasRedirectUris ? (["authorization_code", "refresh_token"] as const) : []),
    ...(clientType === "confidential" ? (["client_credentials"] as const) : []),
  ];
}

/** Contract §2: a role must be disabled in one PATCH before a later PATCH may remove it. */
function checkAppRoles(before: readonly AppRoleView[], after: readonly AppRoleView[]) {
  const ids = new Set<string>();
  const values = new Set<string>();
  for (const role of after) {
    if (!GUID.test(role.id)) throw invalid("appRoles", `appRoles: id ${role.id} is not a lower-case GUID`);
    if (!ROLE_VALUE.test(role.value)) throw invalid("appRoles", `appRoles: value ${role.value}: letters, digits, . _ - (≤ 120)`);
    if (role.allowedMemberTypes.length === 0) throw invalid("appRoles", `appRoles: ${role.value} needs allowedMemberTypes`);
    if (ids.has(role.id) || values.has(role.value)) throw invalid("appRoles", `appRoles: ${role.value} is listed twice`);
    ids.add(role.id);
    values.add(role.value);
  }
  for (const role of before)
    if (!ids.has(role.id) && role.isEnabled)
      throw invalid("appRoles", `appRoles: disable ${role.value} (isEnabled false) in an earlier request before removing it`);
}

const EMPTY: ApplicationView = {
  id: "",
  appId: "",
  displayName: "",
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: "",
  clientType: "public",
  redirectUris: { web: [], spa: [], publicClient: [] },
  postLogoutRedirectUris: [],
  logoutUrl: null,
  homePageUrl: null,
  appRoles: [],
  groupMembershipClaims: "None",
  claimsByScope: false,
  localizedDisplayNames: {},
  permissions: [],
  passwords: [],
};

/** How often an update reads again when another write changed the row between read and write. */
const UPDATE_ATTEMPTS = 3;

export function createApplicationDirectory(deps: {
  store: ApplicationDirectoryStore;
  clock: Clock;
  /** After every write: the provider drops its copies of applications (OidcProvider.forgetApplications). */
  changed?: () => void;
}): ApplicationDirectory {
  const store = notifyingWrites(deps.store, deps.changed ?? (() => {}));
  const authorize = (actor: Actor, write: boolean) => {
    if (!mayAdministerApplications(actor, write))
      throw new ApplicationDirectoryError("forbidden", `${actor.type} may not ${write ? "change" : "read"} applications`);
  };
  const load = async (tenantId: string, key: ApplicationKey) => {
    const lookup = "id" in key ? { id: key.id } : { clientId: key.appId };
    const value = "id" in key ? key.id : key.appId;
    const app = GUID.test(value) ? await deps.store.find(tenantId, lookup) : null;
    if (!app || app.tenantId !== tenantId) throw new ApplicationDirectoryError("notFound", `no application ${value}`);
    return app;
  };
  const audit = (
    actor: Actor,
    tenantId: string,
    type: string,
    clientId: string,
    correlationId: string | undefined,
    data: AuditEventInput["data"],
  ): AuditEventInput => ({
    tenantId,
    type,
    actor,
    target: { type: "application", id: clientId },
    ...(correlationId ? { correlationId } : {}),
    ...(data ? { data } : {}),
  });

  /** Graph keeps an assigned role: its assignments go first (users' and groups'). */
  async function refuseRemovingAssigned(app: StoredApplication, after: readonly StoredAppRole[]) {
    const kept = new Set(after.map((role) => appRoleId(app.clientId, role)));
    const removed = app.appRoles.filter((role) => !kept.has(appRoleId(app.clientId, role)));
    if (removed.length === 0) return;
    const assigned = new Set(await deps.store.assignedRoleIds(app.id));
    const still = removed.filter((role) => assigned.has(appRoleId(app.clientId, role)));
    if (still.length)
      throw invalid(
        "appRoles",
        `appRoles: ${still.map((role) => role.value).join(", ")} is still assigned; remove its app role assignments before removing the role`,
      );
  }

  return {
    async get(actor, tenantId, key) {
      authorize(actor, false);
      return toApplicationView(await load(tenantId, key));
    },

    async list(actor, tenantId, query) {
      authorize(actor, false);
      const rows = await deps.store.page(tenantId, {
        ...(query.filter ? { filter: query.filter } : {}),
        ...(query.after ? { after: query.after } : {}),
        take: query.top + 1,
      });
      return { items: rows.slice(0, query.top).map(toApplicationView), more: rows.length > query.top };
    },

    async create(actor, tenantId, input, correlationId) {
      authorize(actor, true);
      const clientId = input.appId ?? randomGuid();
      const fields = applyChanges(undefined, false, input);
      const row = await store.create(
        { ...fields, tenantId, clientId },
        audit(actor, tenantId, "application.created", clientId, correlationId, {
          clientType: fields.clientType,
          grantTypes: fields.grantTypes,
          permissions: fields.permissions,
          redirectUris: fields.redirectUris.length,
          secretIssued: false,
        }),
      );
      if (!row) throw new ApplicationDirectoryError("conflict", `appId ${clientId} is taken`, "appId");
      return toApplicationView(row);
    },

    async update(actor, tenantId, key, changes, correlationId, options = {}) {
      authorize(actor, true);
      // The portal's `ifVersion` is the view's `version` (the row's updatedAt), Graph's If-Match the date itself.
      const condition = options.ifVersion !== undefined ? { unchangedSince: new Date(options.ifVersion) } : options;
      for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
        const app = await load(tenantId, key);
        if (condition.unchangedSince !== undefined && app.updatedAt.getTime() !== condition.unchangedSince.getTime())
          throw new ApplicationDirectoryError("modified", `application ${app.clientId} changed since it was read`);
        const fields = applyChanges(app, app.secrets.length > 0, changes);
        if (changes.appRoles) await refuseRemovingAssigned(app, fields.appRoles);
        const written = await store.update(
          app.id,
          app.updatedAt,
          fields,
          audit(actor, tenantId, "application.updated", app.clientId, correlationId, {
            properties: Object.keys(changes).map((name) => (name === "permissions" ? "guestgatePermissions" : name)),
            ...(changes.permissions ? { permissions: fields.permissions } : {}),
          }),
        );
        if (written) return;
        // Another write came between the read and this one: with If-Match that is the caller's 412.
        if (condition.unchangedSince !== undefined) break;
      }
      throw new ApplicationDirectoryError("modified", "the application kept changing while it was updated; read it again");
    },

    async delete(actor, tenantId, key, correlationId) {
      authorize(actor, true);
      const app = await load(tenantId, key);
      await store.delete(app.id, audit(actor, tenantId, "application.deleted", app.clientId, correlationId, undefined));
    },

    async addPassword(actor, tenantId, key, input, correlationId) {
      authorize(actor, true);
      const app = await load(tenantId, key);
      const start = deps.clock.now();
      // Graph's default lifetime is two years (contract §2); a longer one is refused, not clipped.
      const end = input.endDateTime ?? new Date(start.getTime() + MAX_PASSWORD_LIFETIME_MS);
      if (!(end.getTime() > start.getTime()) || end.getTime() - start.getTime() > MAX_PASSWORD_LIFETIME_MS + 86_400_000)
        throw invalid("passwordCredential.endDateTime", "passwordCredential.endDateTime: after now and at most two years ahead");
      const displayName = input.displayName ?? null;
      if (displayName !== null && displayName.length > 256)
        throw invalid("passwordCredential.displayName", "passwordCredential.displayName: at most 256 characters");
      const keyId = randomGuid();
      const secretText = randomToken(32);
      const hint = secretText.slice(0, 3);
      // A password makes the application confidential and lets it use client_credentials.
      const fields = applyChanges(app, true, {});
      const secret = await store.addSecret(
        { id: keyId, applicationId: app.id, hash: sha256(secretText), hint, displayName, expiresAt: end },
        { clientType: fields.clientType, grantTypes: fields.grantTypes },
        audit(actor, tenantId, "application.secretAdded", app.clientId, correlationId, {
          keyId,
          expiresAt: end.toISOString(),
        }),
      );
      return { keyId, displayName, hint, secretText, startDateTime: secret.createdAt, endDateTime: end };
    },

    async removePassword(actor, tenantId, key, keyId, correlationId) {
      authorize(actor, true);
      const app = await load(tenantId, key);
      const removed =
        GUID.test(keyId) &&
        (await store.removeSecret(
          app.id,
          keyId,
          audit(actor, tenantId, "application.secretRemoved", app.clientId, correlationId, { keyId }),
        ));
      if (!removed) throw new ApplicationDirectoryError("notFound", `no password credential ${keyId}`);
    },
  };
}

/** The store, calling `changed` after each write, whether it succeeded or threw: forgetting a copy is always safe. */
function notifyingWrites(store: ApplicationDirectoryStore, changed: () => void): ApplicationDirectoryStore {
  const after =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        changed();
      }
    };
  return {
    ...store,
    create: after(store.create.bind(store)),
    update: after(store.update.bind(store)),
    delete: after(store.delete.bind(store)),
    addSecret: after(store.addSecret.bind(store)),
    removeSecret: after(store.removeSecret.bind(store)),
  };
}
