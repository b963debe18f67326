import type { z } from "zod";
import type { Actor, AdministratorRole, CursorCodec } from "../directory";
import type { FilterExpression, OrderByItem } from "./odata/ast";

/**
 * The contract between the Graph-shaped API and its resources (docs/ARCHITECTURE.md, "Graph API").
 * A resource is a list of routes; each route is a thin adapter that reads the request, calls one
 * service verb with the caller's actor, and shapes the answer as Graph does. The API around it
 * authenticates, checks the route's permissions, parses OData options and bodies, pages, batches,
 * and turns every failure into Graph's error body.
 */
export type GraphMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The OData system query options of one request, parsed (contract §0.5). */
export interface GraphQueryOptions {
  /** `$select`, as written (property names); undefined: the resource's default set. */
  select?: string[];
  filter?: FilterExpression;
  orderBy?: OrderByItem[];
  /** `$top`, 1–999; undefined: the route's default (100). */
  top?: number;
  /** `$count=true`, only honoured as an advanced query (with `ConsistencyLevel: eventual`). */
  count: boolean;
  /** `$search="displayName:foo"` → { property: "displayName", value: "foo" }. */
  search?: { property: string; value: string }[];
  /** `$skiptoken` as received (opaque; the resource's codec decodes it). */
  skipToken?: string;
  expand?: string[];
  /** The `ConsistencyLevel: eventual` header was sent (advanced queries, contract §0.5). */
  advanced: boolean;
  /** Every query parameter as received, for building `@odata.nextLink`. */
  raw: ReadonlyArray<readonly [string, string]>;
}

/** Who the tenant is, as the Graph API needs it. */
export interface GraphTenant {
  slug: string;
  /** tenants[].id: the GUID that `tid` carries. */
  id: string;
  /** The GUID-less hex of the tenant's extensions app: `extension_<this>_<name>` (contract §1). */
  extensionsAppId: string;
}

export interface GraphRequest<Services = GraphServices> {
  method: GraphMethod;
  tenant: GraphTenant;
  actor: Actor;
  /** Path parameters of the matched route (`users/{id}` → { id }), URL-decoded. */
  params: Record<string, string>;
  query: GraphQueryOptions;
  headers: Headers;
  /** The JSON body, already validated by the route's `body` schema (undefined without one). */
  body: unknown;
  /** The raw body text for `$value` routes (PUT of a page override); undefined otherwise. */
  text?: string;
  /** `request-id` of this answer: correlation id of audit events written on its behalf. */
  requestId: string;
  /** Absolute service root of this version: `{GUESTGATE_BASE_URL}/{tenant}/graph/v1.0`. */
  serviceRoot: string;
  /** The URL of this request as the client sent it (absolute), for `@odata.nextLink`. */
  url: URL;
  services: Services;
  cursors: CursorCodec;
  now: Date;
}

export type GraphResult =
  | { status: 200 | 201; body: Record<string, unknown>; headers?: Record<string, string> }
  | { status: 204; headers?: Record<string, string> }
  | { status: 200; text: string; contentType: string };

/**
 * Who may call a route: an application holding any of `permissions` (client credentials, `roles`),
 * or an administrator whose directory role is in `roles` (delegated). The service verb checks its
 * actor again; this check gives Graph's 403 before any body is read.
 */
export interface GraphAccess {
  permissions: readonly string[];
  roles: readonly AdministratorRole[];
  /**
   * Delegated callers holding no directory role pass too (with a permitted scope): the verb
   * decides what they may do (their own access request, an approval stage they are an approver of).
   */
  signedInUsers?: boolean;
  /** App-only tokens are refused (Entra: approval decisions and request cancellation are delegated only). */
  delegatedOnly?: boolean;
}

export interface GraphRoute<Services = GraphServices> {
  method: GraphMethod;
  /** Relative to the version root, `{name}` for a parameter: `users/{id}/appRoleAssignments`. */
  path: string;
  access: GraphAccess;
  /** OpenAPI summary. */
  summary: string;
  /** A strict zod schema for the JSON body: unknown properties, wrong types → 400 naming them. */
  body?: z.ZodType;
  /** `$value` routes take the body as text (still ≤ 1 MB). */
  textBody?: boolean;
  /** The response entity's schema, for the OpenAPI document only. */
  response?: z.ZodType;
  /** OData options the route honours; any other given → 400 `Request_UnsupportedQuery`. */
  queryOptions?: readonly ("select" | "filter" | "orderBy" | "top" | "count" | "search" | "skipToken" | "expand")[];
  handle(request: GraphRequest<Services>): Promise<GraphResult>;
}

/**
 * The services the resources call. Each resource adds the members it needs here; the composition
 * root (server.ts) builds them from `services()`.
 */
export interface GraphServices {
  directory: import("../directory").DirectoryService;
  /** identity/b2xUserFlows and identity/userFlowAttributes (the custom attribute catalog is one of its verbs). */
  userFlows: import("../journeys").UserFlowService;
  groups: import("../directory").GroupService;
  appRoleAssignments: import("../directory").AppRoleAssignmentService;
  applications: import("../oidc").ApplicationDirectory;
  auditLogs: import("../audit").AuditReadService;
  /** POST /invitations (the same service the portal and the bulk upload call). */
  invitations: import("../invitations").InvitationService;
  /** identity/apiConnectors; a flow's apiConnectorConfiguration is a user-flow edit. */
  apiConnectors: import("../journeys").ApiConnectorService;
  /** identity/customAuthenticationExtensions and identity/authenticationEventListeners. */
  customExtensions: import("../journeys").CustomExtensionService;
  /** identityGovernance/entitlementManagement: catalogs, access packages, policies, connected organizations. */
  entitlements: import("../access").EntitlementService;
  /** Guestgate's sign-up approval queue (users/{id}/guestgateSignUpRequest). */
  signUpApprovals: import("../directory").SignUpApprovalService;
}
