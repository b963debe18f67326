import { z } from "zod";
import type { GraphRequest, GraphRoute } from "../../context";
import { graphErrors } from "../../errors";
import { ifMatchTime } from "../../etags";
import { ACCESS } from "../../permissions";
import { entity, noContent, project } from "../../results";
import { namesExtensions, userChange, writableProperties } from "./body";
import { asGraph } from "./failures";
import {
  DEFAULT_PROPERTIES,
  emailOfUserPrincipalName,
  GRAPH_EMAIL_OTP_ISSUER,
  isKnownProperty,
  storedIssuer,
  toGraphUser,
} from "./graph-user";

// Extension properties have tenant-specific names, so the schema lets unknown keys through and
// userChange() names every one it does not know (the API's strict check would refuse them all).
const patchBody = z.object(writableProperties).catchall(z.unknown());

const identitySchema = z.strictObject({
  signInType: z.string().max(64),
  issuer: z.string().min(1).max(512),
  issuerAssignedId: z.string().min(1).max(512),
});
const createBody = z
  .object({
    ...writableProperties,
    mail: z.string().max(254).nullable().optional(),
    userPrincipalName: z.string().max(1024).optional(),
    userType: z.literal("Guest").optional(),
    mailNickname: z.string().max(64).optional(),
    identities: z.array(identitySchema).min(1).max(11),
  })
  .catchall(z.unknown());

const CREATE_ONLY = new Set(["mail", "userPrincipalName", "userType", "mailNickname", "identities"]);
const NONE = new Set<string>();

async function customAttributes(request: GraphRequest, body: Record<string, unknown>): Promise<string[]> {
  if (!namesExtensions(request.tenant, body)) return [];
  return asGraph("users", () => request.services.directory.customAttributeNames(request.actor, request.tenant.slug));
}

const shape = (request: GraphRequest, user: Parameters<typeof toGraphUser>[1]) =>
  project(toGraphUser(request.tenant, user), undefined, {
    type: "user",
    defaults: DEFAULT_PROPERTIES,
    known: (name) => isKnownProperty(request.tenant, name),
  });

/**
 * `POST /users` with `identities` (contract §1 "Creating a guest directly"): a guest that signs in
 * with the given upstream accounts. The email one-time-code issuer `mail` is ours; any other
 * issuer is kept as given and doubles as the provider id.
 */
export const createUser: GraphRoute = {
  method: "POST",
  path: "users",
  access: ACCESS.usersWrite,
  summary: "Create a guest with its sign-in identities",
  body: createBody,
  async handle(request) {
    const body = request.body as z.infer<typeof createBody>;
    const change = userChange(request.tenant, body, {
      allowed: CREATE_ONLY,
      customAttributes: await customAttributes(request, body),
    });
    if (change.remove.length) throw graphErrors.badRequest(`Property '${change.remove.join("', '")}' cannot be null on create.`);
    const federated = body.identities.filter((i) => i.signInType !== "userPrincipalName");
    const wrong = federated.find((i) => i.signInType !== "federated");
    if (wrong) throw graphErrors.badRequest(`Unsupported signInType '${wrong.signInType}' in identities; use 'federated'.`);
    if (federated.length === 0) throw graphErrors.badRequest("identities: at least one federated identity is required.");
    const email = body.mail ?? (body.userPrincipalName ? emailOfUserPrincipalName(body.userPrincipalName) : undefined) ?? null;
    const guest = await asGraph("users", () =>
      request.services.directory.createWithIdentities(request.actor, request.tenant.slug, {
        email,
        displayName: change.displayName ?? null,
        identities: federated.map((i) => ({
          issuer: storedIssuer(i.issuer),
          subject: i.issuerAssignedId,
          providerId: i.issuer === GRAPH_EMAIL_OTP_ISSUER ? "email" : i.issuer,
        })),
        attributes: change.values,
        state: change.accountEnabled === false ? "blocked" : "active",
        correlationId: request.requestId,
      }),
    );
    return entity(request, "users", shape(request, guest), { status: 201 });
  },
};

/**
 * `PATCH /users/{id}`: attributes, display name and accountEnabled (→ block/unblock), in one
 * transaction of the directory; `If-Match` is compared there with the ETag GET sends.
 */
export const updateUser: GraphRoute = {
  method: "PATCH",
  path: "users/{id}",
  access: ACCESS.usersWrite,
  summary: "Update a guest",
  body: patchBody,
  async handle(request) {
    const id = request.params.id ?? "";
    const body = request.body as Record<string, unknown>;
    const change = userChange(request.tenant, body, { allowed: NONE, customAttributes: await customAttributes(request, body) });
    const unchangedSince = ifMatchTime(request.headers.get("if-match"));
    await asGraph(id, () =>
      request.services.directory.updateAttributes(request.actor, request.tenant.slug, id, {
        values: change.values,
        remove: change.remove,
        ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
        ...(change.accountEnabled !== undefined ? { accountEnabled: change.accountEnabled } : {}),
        ...(unchangedSince ? { unchangedSince } : {}),
        correlationId: request.requestId,
      }),
    );
    return noContent();
  },
};

/** `DELETE /users/{id}`: the guest goes, with its sessions, grants and refresh tokens. */
export const deleteUser: GraphRoute = {
  method: "DELETE",
  path: "users/{id}",
  access: ACCESS.usersWrite,
  summary: "Delete a guest and revoke what it holds",
  async handle(request) {
    const id = request.params.id ?? "";
    await asGraph(id, () => request.services.directory.delete(request.actor, request.tenant.slug, id));
    return noContent();
  },
};

/** `POST /users/{id}/revokeSignInSessions`: Graph answers `{ value: true }`. */
export const revokeSignInSessions: GraphRoute = {
  method: "POST",
  path: "users/{id}/revokeSignInSessions",
  access: ACCESS.usersWrite,
  summary: "End a guest's sessions and revoke its refresh tokens",
  async handle(request) {
    const id = request.params.id ?? "";
    await asGraph(id, () => request.services.directory.revokeSignInSessions(request.actor, request.tenant.slug, id));
    return { status: 200, body: { "@odata.context": `${request.serviceRoot}/$metadata#Edm.Boolean`, value: true } };
  },
};
