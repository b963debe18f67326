import type { Actor } from "../../directory";
import { GUID, randomGuid, randomToken, sha256 } from "../crypto";
import { LIFETIMES, MANAGEMENT_PERMISSIONS } from "../constants";
import type {
  AppRole,
  ApplicationRecord,
  ApplicationRepository,
  ClientSecretRecord,
  ClientType,
  Clock,
  GrantType,
} from "../ports";
import { localizedNamesProblems, normaliseLocalizedNames, type LocalizedNames } from "./localized-names";
import { redirectUriProblem } from "./redirect-uri";

export interface RegisterApplicationInput {
  tenantId: string;
  name: string;
  clientType: ClientType;
  redirectUris?: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  /** Default: authorization_code + refresh_token (a client that asks for client_credentials must name all it wants). */
  grantTypes?: readonly string[];
  permissions?: readonly string[];
  appRoles?: readonly AppRole[];
  /** A fixed client id (the seed's demo clients); a fresh GUID otherwise. */
  clientId?: string;
  /** A given first secret (the demo's, from the environment); a fresh one otherwise. */
  secret?: string;
  secretLifetimeSeconds?: number;
  /** See ApplicationRecord.claimsByScope. */
  claimsByScope?: boolean;
  /** The name per page language, e.g. { nl: "Woodgrove-demo" } (localized-names.ts). */
  localizedDisplayNames?: LocalizedNames;
}

export class RegistrationError extends Error {
  override readonly name = "RegistrationError";
  constructor(readonly problems: string[]) {
    super(`the application cannot be registered:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** By name: see isInteractionError. */
export function isRegistrationError(error: unknown): error is RegistrationError {
  return error instanceof Error && error.name === "RegistrationError" && Array.isArray((error as RegistrationError).problems);
}

export interface IssuedSecret {
  /** Shown once: only its hash is stored. */
  secret: string;
  hint: string;
  expiresAt: Date;
}

const GRANT_TYPES: readonly GrantType[] = ["authorization_code", "refresh_token", "client_credentials"];
const MIN_SECRET_LENGTH = 32;

export function validateRegistration(input: RegisterApplicationInput): string[] {
  const problems: string[] = [];
  const grantTypes = input.grantTypes ?? ["authorization_code", "refresh_token"];
  if (!input.name.trim() || input.name.length > 100) problems.push("name: 1–100 characters");
  problems.push(...localizedNamesProblems(input.localizedDisplayNames));
  if (input.clientType !== "public" && input.clientType !== "confidential") problems.push("type: public or confidential");
  if (input.clientId !== undefined && !GUID.test(input.clientId)) problems.push("client id: a lower-case GUID");
  for (const grant of grantTypes)
    if (!GRANT_TYPES.includes(grant as GrantType)) problems.push(`grant type ${grant}: not supported`);
  if (new Set(grantTypes).size !== grantTypes.length) problems.push("grant types: listed twice");
  if (grantTypes.includes("refresh_token") && !grantTypes.includes("authorization_code")) {
    problems.push("grant types: refresh_token needs authorization_code");
  }
  const redirectUris = input.redirectUris ?? [];
  if (grantTypes.includes("authorization_code") && redirectUris.length === 0)
    problems.push("redirect URIs: at least one for authorization_code");
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) problems.push(`redirect URI ${uri}: ${problem}`);
  }
  for (const uri of input.postLogoutRedirectUris ?? []) {
    const problem = redirectUriProblem(uri);
    if (problem) problems.push(`post-logout redirect URI ${uri}: ${problem}`);
  }
  if (input.clientType === "public") {
    if (grantTypes.includes("client_credentials"))
      problems.push("a public client cannot use client_credentials: it has no secret");
    if (input.secret !== undefined) problems.push("a public client has no secret");
  }
  for (const permission of input.permissions ?? []) {
    if (!(MANAGEMENT_PERMISSIONS as readonly string[]).includes(permission)) {
      problems.push(`permission ${permission}: not one of ${MANAGEMENT_PERMISSIONS.join(", ")}`);
    }
  }
  // A public client's permissions are delegated only (authorization code + PKCE, as Entra lets
  // SPAs and native apps call Graph on a user's behalf); a confidential one uses them app-only.
  if (input.clientType !== "public" && (input.permissions ?? []).length > 0 && !grantTypes.includes("client_credentials")) {
    problems.push("application permissions are used through client_credentials: add that grant type");
  }
  for (const role of input.appRoles ?? []) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/.test(role.value)) problems.push(`app role ${role.value}: letters, digits, . _ -`);
  }
  if (input.secret !== undefined && input.secret.length < MIN_SECRET_LENGTH)
    problems.push(`secret: at least ${MIN_SECRET_LENGTH} characters`);
  return problems;
}

function issueSecret(now: Date, lifetimeSeconds: number, given?: string): IssuedSecret & { hash: string } {
  const secret = given ?? randomToken(32);
  return { secret, hash: sha256(secret), hint: secret.slice(0, 3), expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000) };
}

/** Who registers or changes an application: recorded as the actor of its audit event, in the same transaction. */
export interface AuditedBy {
  actor: Actor;
  correlationId?: string;
}

export interface ApplicationAdmin {
  register(input: RegisterApplicationInput, by?: AuditedBy): Promise<{ application: ApplicationRecord; secret?: IssuedSecret }>;
  addSecret(tenantId: string, clientId: string, lifetimeSeconds?: number, by?: AuditedBy): Promise<IssuedSecret>;
  list(tenantId: string): Promise<(ApplicationRecord & { secrets: Omit<ClientSecretRecord, "hash">[] })[]>;
  find(tenantId: string, clientId: string): Promise<ApplicationRecord | undefined>;
}

/** Registering applications (CLI, seed; later the admin portal and the Graph-shaped API). */
export function createApplicationAdmin(deps: { applications: ApplicationRepository; clock: Clock }): ApplicationAdmin {
  const find = async (tenantId: string, clientId: string) => {
    const app = GUID.test(clientId) ? await deps.applications.findByClientId(clientId) : null;
    return app && app.tenantId === tenantId ? app : undefined;
  };
  return {
    async register(input, by) {
      const problems = validateRegistration(input);
      if (problems.length) throw new RegistrationError(problems);
      if (input.clientId !== undefined && (await deps.applications.findByClientId(input.clientId))) {
        throw new RegistrationError([`client id ${input.clientId} is already in use`]);
      }
      const now = deps.clock.now();
      const grantTypes = (input.grantTypes ?? ["authorization_code", "refresh_token"]) as GrantType[];
      const secret =
        input.clientType === "confidential"
          ? issueSecret(now, input.secretLifetimeSeconds ?? LIFETIMES.clientSecret, input.secret)
          : undefined;
      const clientId = input.clientId ?? randomGuid();
      const application = await deps.applications.create(
        {
          tenantId: input.tenantId,
          clientId,
          name: input.name.trim(),
          clientType: input.clientType,
          redirectUris: [...(input.redirectUris ?? [])],
          postLogoutRedirectUris: [...(input.postLogoutRedirectUris ?? [])],
          grantTypes,
          appRoles: [...(input.appRoles ?? [])],
          permissions: [...(input.permissions ?? [])],
          claimsByScope: input.claimsByScope ?? false,
          localizedDisplayNames: normaliseLocalizedNames(input.localizedDisplayNames),
        },
        secret && { hash: secret.hash, hint: secret.hint, expiresAt: secret.expiresAt },
        by && {
          tenantId: input.tenantId,
          type: "application.created",
          actor: by.actor,
          target: { type: "application", id: clientId },
          ...(by.correlationId ? { correlationId: by.correlationId } : {}),
          // What was configured, never the secret (nor its hint: part of it).
          data: {
            clientType: input.clientType,
            grantTypes,
            permissions: [...(input.permissions ?? [])],
            redirectUris: (input.redirectUris ?? []).length,
            secretIssued: secret !== undefined,
          },
        },
      );
      return {
        application,
        ...(secret ? { secret: { secret: secret.secret, hint: secret.hint, expiresAt: secret.expiresAt } } : {}),
      };
    },

    async addSecret(tenantId, clientId, lifetimeSeconds = LIFETIMES.clientSecret, by) {
      const app = await find(tenantId, clientId);
      if (!app) throw new RegistrationError([`no application ${clientId} in tenant ${tenantId}`]);
      if (app.clientType !== "confidential") throw new RegistrationError(["a public client has no secrets"]);
      const secret = issueSecret(deps.clock.now(), lifetimeSeconds);
      await deps.applications.addSecret(
        { applicationId: app.id, hash: secret.hash, hint: secret.hint, expiresAt: secret.expiresAt },
        by && {
          tenantId,
          type: "application.secretAdded",
          actor: by.actor,
          target: { type: "application", id: app.clientId },
          ...(by.correlationId ? { correlationId: by.correlationId } : {}),
          data: { expiresAt: secret.expiresAt.toISOString() },
        },
      );
      return { secret: secret.secret, hint: secret.hint, expiresAt: secret.expiresAt };
    },

    async list(tenantId) {
      const apps = await deps.applications.list(tenantId);
      return Promise.all(
        apps.map(async (app) => ({
          ...app,
          secrets: (await deps.applications.secrets(app.id)).map(({ hash: _hash, ...rest }) => rest),
        })),
      );
    },

    find,
  };
}
