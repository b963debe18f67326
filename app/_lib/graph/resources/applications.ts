import { z } from "zod";
import {
  APPLICATION_NAME_LOCALES,
  isApplicationDirectoryError,
  type ApplicationFilter,
  type ApplicationKey,
  type ApplicationView,
  type LocalizedNames,
} from "../../oidc";
import type { GraphRequest, GraphRoute } from "../context";
import { GraphError, graphErrors } from "../errors";
import { etagAt, ifMatchTime } from "../etags";
import type { FilterExpression } from "../odata/ast";
import { ACCESS } from "../permissions";
import { collection, entity, noContent, project } from "../results";

/** Graph `applications` (contract §2): Guestgate's OAuth clients under Graph's names. */
const ENTITY_SET = "applications";
const BY_APP_ID = "applications(appId='{appId}')";

const uris = z.array(z.string()).max(256);
const appRole = z.strictObject({
  id: z.string(),
  allowedMemberTypes: z.array(z.enum(["User", "Application"])),
  displayName: z.string().max(256),
  description: z.string().max(1024).nullable().default(""),
  value: z.string(),
  isEnabled: z.boolean(),
  origin: z.string().optional(),
});
const writable = {
  displayName: z.string().max(256),
  web: z.strictObject({
    redirectUris: uris.optional(),
    logoutUrl: z.string().nullable().optional(),
    homePageUrl: z.string().nullable().optional(),
    // Guestgate issues no tokens from the authorization endpoint (RFC 9700 §2.1.2): only false is accepted.
    implicitGrantSettings: z
      .strictObject({
        enableIdTokenIssuance: z.literal(false).optional(),
        enableAccessTokenIssuance: z.literal(false).optional(),
      })
      .optional(),
  }),
  spa: z.strictObject({ redirectUris: uris.optional() }),
  publicClient: z.strictObject({ redirectUris: uris.optional() }),
  appRoles: z.array(appRole).max(100),
  groupMembershipClaims: z.string().nullable(),
  /** contract §8 rule 4: the application permissions it holds for this API. */
  guestgatePermissions: z.array(z.string()).max(50),
  /** Guestgate extra: the display name per page language (docs/GRAPH.md); a PATCH replaces the whole map. */
  guestgateLocalizedDisplayNames: z.partialRecord(z.enum(APPLICATION_NAME_LOCALES), z.string().max(100)),
  signInAudience: z.literal("AzureADMyOrg"),
  identifierUris: z.array(z.string()).max(0),
  isFallbackPublicClient: z.literal(false),
};

const applicationFields = z.strictObject(writable).partial();
export const applicationCreateBody = applicationFields.required({ displayName: true });
export const applicationUpdateBody = applicationFields;

interface ApplicationBody {
  displayName?: string;
  web?: { redirectUris?: string[]; logoutUrl?: string | null; homePageUrl?: string | null };
  spa?: { redirectUris?: string[] };
  publicClient?: { redirectUris?: string[] };
  appRoles?: {
    id: string;
    allowedMemberTypes: ("User" | "Application")[];
    displayName: string;
    description: string | null;
    value: string;
    isEnabled: boolean;
  }[];
  groupMembershipClaims?: string | null;
  guestgatePermissions?: string[];
  guestgateLocalizedDisplayNames?: LocalizedNames;
}

// startDateTime is not accepted: a secret works from when it is issued (contract §2 default).
const addPasswordBody = z.strictObject({
  passwordCredential: z
    .strictObject({
      displayName: z.string().max(256).nullable().optional(),
      endDateTime: z.iso.datetime({ offset: true }).optional(),
      customKeyIdentifier: z.null().optional(),
    })
    .default({}),
});
const removePasswordBody = z.strictObject({ keyId: z.string() });

const GRAPH_PROPERTIES = new Set([
  "id",
  "appId",
  "displayName",
  "createdDateTime",
  "signInAudience",
  "identifierUris",
  "web",
  "spa",
  "publicClient",
  "isFallbackPublicClient",
  "appRoles",
  "passwordCredentials",
  "groupMembershipClaims",
  "guestgatePermissions",
  "guestgateLocalizedDisplayNames",
]);

export function toGraphApplication(app: ApplicationView): Record<string, unknown> {
  return {
    id: app.id,
    appId: app.appId,
    displayName: app.displayName,
    createdDateTime: app.createdAt.toISOString(),
    signInAudience: "AzureADMyOrg",
    identifierUris: [],
    isFallbackPublicClient: false,
    groupMembershipClaims: app.groupMembershipClaims,
    web: {
      redirectUris: app.redirectUris.web,
      logoutUrl: app.logoutUrl,
      homePageUrl: app.homePageUrl,
      implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
    },
    spa: { redirectUris: app.redirectUris.spa },
    publicClient: { redirectUris: app.redirectUris.publicClient },
    appRoles: app.appRoles.map((role) => ({ ...role, origin: "Application" })),
    passwordCredentials: app.passwords.map((p) => ({
      customKeyIdentifier: null,
      displayName: p.displayName,
      endDateTime: p.endDateTime.toISOString(),
      hint: p.hint,
      keyId: p.keyId,
      secretText: null,
      startDateTime: p.startDateTime.toISOString(),
    })),
    guestgatePermissions: app.permissions,
    guestgateLocalizedDisplayNames: app.localizedDisplayNames,
  };
}

const keyOf = (request: GraphRequest): ApplicationKey =>
  request.params.appId !== undefined ? { appId: request.params.appId } : { id: request.params.id ?? "" };
const shownKey = (request: GraphRequest) => request.params.appId ?? request.params.id ?? "";

/** Service failures as Graph errors (contract §0.4). */
async function call<T>(request: GraphRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isApplicationDirectoryError(error)) throw error;
    switch (error.code) {
      case "notFound":
        throw graphErrors.notFound(shownKey(request));
      case "forbidden":
        throw graphErrors.denied();
      case "conflict": {
        // The brief asks 409 for a taken appId, with the contract's conflict code and message.
        throw new GraphError(409, "Request_BadRequest", graphErrors.conflict(error.field ?? "appId").message);
      }
      case "modified":
        throw graphErrors.preconditionFailed();
      case "invalid":
        throw graphErrors.badRequest(`Invalid value for property '${error.field}': ${error.message}`, [
          { code: "InvalidValue", target: error.field ?? "", message: error.message },
        ]);
      case "modified":
        // Another write landed between this request's read and its write: retrying is safe.
        throw graphErrors.preconditionFailed();
    }
  }
}

function changesOf(body: ApplicationBody) {
  return {
    ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
    ...(body.web ? { web: body.web } : {}),
    ...(body.spa ? { spa: body.spa } : {}),
    ...(body.publicClient ? { publicClient: body.publicClient } : {}),
    ...(body.appRoles ? { appRoles: body.appRoles.map((role) => ({ ...role, description: role.description ?? "" })) } : {}),
    ...(body.groupMembershipClaims !== undefined ? { groupMembershipClaims: body.groupMembershipClaims } : {}),
    ...(body.guestgatePermissions ? { permissions: body.guestgatePermissions } : {}),
    ...(body.guestgateLocalizedDisplayNames ? { localizedDisplayNames: body.guestgateLocalizedDisplayNames } : {}),
  };
}

const FILTERABLE: Record<string, ApplicationFilter["field"]> = { displayName: "name", appId: "clientId" };

/** `$filter`: displayName and appId, with eq or startsWith (contract §0.5); anything else is refused naming it. */
export function applicationFilter(filter: FilterExpression | undefined): ApplicationFilter | undefined {
  if (!filter) return undefined;
  if (filter.kind === "compare" || filter.kind === "function") {
    const field = FILTERABLE[filter.property];
    if (!field) throw graphErrors.unsupportedQuery(`Unsupported property '${filter.property}' in $filter.`);
    if (filter.kind === "compare" && filter.op === "eq" && typeof filter.value === "string")
      return { field, op: "eq", value: filter.value };
    if (filter.kind === "function" && filter.name === "startsWith") return { field, op: "startsWith", value: filter.value };
  }
  throw graphErrors.unsupportedQuery("Unsupported $filter on applications: use eq or startsWith on displayName or appId.");
}

const select = (request: GraphRequest, app: ApplicationView) =>
  project(toGraphApplication(app), request.query.select, { type: "application", known: GRAPH_PROPERTIES });

const keyRoutes = (path: string): GraphRoute[] => [
  {
    method: "GET",
    path,
    access: ACCESS.applicationsRead,
    summary: "Get an application",
    queryOptions: ["select"],
    async handle(request) {
      const app = await call(request, () =>
        request.services.applications.get(request.actor, request.tenant.slug, keyOf(request)),
      );
      const result = entity(request, ENTITY_SET, select(request, app));
      return { ...result, headers: { ETag: etagAt(app.updatedAt) } };
    },
  },
  {
    method: "PATCH",
    path,
    access: ACCESS.applicationsWrite,
    summary: "Update an application",
    body: applicationUpdateBody,
    async handle(request) {
      const body = request.body as ApplicationBody;
      // Optimistic concurrency: If-Match carries the ETag GET sent (RFC 9110 §13.1.1).
      const unchangedSince = ifMatchTime(request.headers.get("if-match"));
      await call(request, () =>
        request.services.applications.update(
          request.actor,
          request.tenant.slug,
          keyOf(request),
          changesOf(body),
          request.requestId,
          unchangedSince ? { unchangedSince } : {},
        ),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path,
    access: ACCESS.applicationsWrite,
    summary: "Delete an application, its secrets and its role assignments",
    async handle(request) {
      await call(request, () =>
        request.services.applications.delete(request.actor, request.tenant.slug, keyOf(request), request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "POST",
    path: `${path}/addPassword`,
    access: ACCESS.applicationsWrite,
    summary: "Add a client secret (shown only in this answer)",
    body: addPasswordBody,
    async handle(request) {
      const { passwordCredential } = request.body as z.infer<typeof addPasswordBody>;
      const issued = await call(request, () =>
        request.services.applications.addPassword(
          request.actor,
          request.tenant.slug,
          keyOf(request),
          {
            ...(passwordCredential.displayName !== undefined ? { displayName: passwordCredential.displayName } : {}),
            ...(passwordCredential.endDateTime ? { endDateTime: new Date(passwordCredential.endDateTime) } : {}),
          },
          request.requestId,
        ),
      );
      return {
        status: 200,
        body: {
          "@odata.context": `${request.serviceRoot}/$metadata#microsoft.graph.passwordCredential`,
          customKeyIdentifier: null,
          displayName: issued.displayName,
          endDateTime: issued.endDateTime.toISOString(),
          hint: issued.hint,
          keyId: issued.keyId,
          secretText: issued.secretText,
          startDateTime: issued.startDateTime.toISOString(),
        },
      };
    },
  },
  {
    method: "POST",
    path: `${path}/removePassword`,
    access: ACCESS.applicationsWrite,
    summary: "Remove a client secret",
    body: removePasswordBody,
    async handle(request) {
      const { keyId } = request.body as z.infer<typeof removePasswordBody>;
      await call(request, () =>
        request.services.applications.removePassword(
          request.actor,
          request.tenant.slug,
          keyOf(request),
          keyId,
          request.requestId,
        ),
      );
      return noContent();
    },
  },
];

export const applicationRoutes: readonly GraphRoute[] = [
  {
    method: "GET",
    path: ENTITY_SET,
    access: ACCESS.applicationsRead,
    summary: "List applications",
    queryOptions: ["select", "filter", "top", "skipToken"],
    async handle(request) {
      const filter = applicationFilter(request.query.filter);
      const scope = { tenant: request.tenant.slug, set: ENTITY_SET, filter: filter ?? null };
      let after: string | undefined;
      if (request.query.skipToken !== undefined) {
        const position = request.cursors.decode(scope, request.query.skipToken);
        if (!position) throw graphErrors.badRequest("Invalid value for query parameter '$skiptoken'.");
        after = position.id;
      }
      const top = request.query.top ?? 100;
      const page = await call(request, () =>
        request.services.applications.list(request.actor, request.tenant.slug, {
          ...(filter ? { filter } : {}),
          ...(after ? { after } : {}),
          top,
        }),
      );
      const last = page.items.at(-1);
      return collection(
        request,
        ENTITY_SET,
        page.items.map((app) => select(request, app)),
        page.more && last ? { nextSkipToken: request.cursors.encode(scope, { value: last.id, id: last.id }) } : {},
      );
    },
  },
  {
    method: "POST",
    path: ENTITY_SET,
    access: ACCESS.applicationsWrite,
    summary: "Create an application",
    body: applicationCreateBody,
    async handle(request) {
      const body = request.body as ApplicationBody & { displayName: string };
      const app = await call(request, () =>
        request.services.applications.create(
          request.actor,
          request.tenant.slug,
          { ...changesOf(body), displayName: body.displayName },
          request.requestId,
        ),
      );
      return entity(request, ENTITY_SET, toGraphApplication(app), { status: 201 });
    },
  },
  ...keyRoutes(`${ENTITY_SET}/{id}`),
  // Graph's alternate key (contract §2): the same operations, by client id.
  ...keyRoutes(BY_APP_ID),
];
