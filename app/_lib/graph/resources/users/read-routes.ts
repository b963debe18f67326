import { z } from "zod";
import type { GraphRequest, GraphRoute } from "../../context";
import { graphErrors } from "../../errors";
import { ACCESS } from "../../permissions";
import { collection, entity, project } from "../../results";
import { asGraph } from "./failures";
import {
  DEFAULT_PROPERTIES,
  emailOfUserPrincipalName,
  etagOf,
  extensionPrefix,
  isKnownProperty,
  toGraphUser,
} from "./graph-user";
import { usersQuery } from "./query";

const userSchema = z.object({ id: z.string(), displayName: z.string().nullable(), mail: z.string().nullable() }).loose();

const shape = (request: GraphRequest, user: Parameters<typeof toGraphUser>[1]) =>
  project(toGraphUser(request.tenant, user), request.query.select, {
    type: "user",
    defaults: DEFAULT_PROPERTIES,
    known: (name) => isKnownProperty(request.tenant, name),
  });

/** `users/{key}`: an id, or (with an `@`) a mail address or one of our userPrincipalNames (contract §1). */
export function userKey(key: string): { id: string } | { email: string } {
  if (!key.includes("@")) return { id: key };
  return { email: emailOfUserPrincipalName(key) ?? key };
}

export const listUsers: GraphRoute = {
  method: "GET",
  path: "users",
  access: ACCESS.usersRead,
  summary: "List the tenant's guests",
  response: userSchema,
  queryOptions: ["select", "filter", "orderBy", "top", "count", "search", "skipToken"],
  async handle(request) {
    const { filter, orderBy } = usersQuery(request.query, extensionPrefix(request.tenant));
    const page = await asGraph("users", () =>
      request.services.directory.listDetails(request.actor, request.tenant.slug, {
        filter,
        ...(orderBy ? { orderBy } : {}),
        top: request.query.top ?? 100,
        ...(request.query.skipToken !== undefined ? { cursor: request.query.skipToken } : {}),
        // `$count=true` is silently ignored without ConsistencyLevel (contract §0.5), and counted on the first page only.
        count: request.query.count && request.query.advanced && request.query.skipToken === undefined,
      }),
    );
    return collection(
      request,
      "users",
      page.guests.map((guest) => shape(request, guest)),
      {
        ...(page.nextCursor ? { nextSkipToken: page.nextCursor } : {}),
        ...(page.count !== undefined ? { count: page.count } : {}),
      },
    );
  },
};

export const countUsers: GraphRoute = {
  method: "GET",
  path: "users/$count",
  access: ACCESS.usersRead,
  summary: "Count the tenant's guests (advanced query)",
  queryOptions: ["filter", "search"],
  async handle(request) {
    if (!request.query.advanced) throw graphErrors.badRequest("$count is not currently supported.");
    const { filter } = usersQuery(request.query, extensionPrefix(request.tenant));
    const count = await asGraph("users", () => request.services.directory.count(request.actor, request.tenant.slug, filter));
    return { status: 200, text: String(count), contentType: "text/plain" };
  },
};

export const getUser: GraphRoute = {
  method: "GET",
  path: "users/{id}",
  access: ACCESS.usersRead,
  summary: "Read a guest by id, mail or userPrincipalName",
  response: userSchema,
  queryOptions: ["select"],
  async handle(request) {
    const key = request.params.id ?? "";
    const guest = await asGraph(key, () => request.services.directory.describe(request.actor, request.tenant.slug, userKey(key)));
    const result = entity(request, "users", shape(request, guest));
    return { ...result, headers: { ETag: etagOf(guest) } };
  },
};

export const getMe: GraphRoute = {
  method: "GET",
  path: "me",
  access: ACCESS.usersRead,
  summary: "The signed-in administrator's own record (delegated only)",
  response: userSchema,
  queryOptions: ["select"],
  async handle(request) {
    const { actor } = request;
    if (actor.type !== "administrator")
      throw graphErrors.badRequest("/me request is only valid with delegated authentication flow.");
    const guest = await asGraph(actor.id, () =>
      request.services.directory.describe(
        actor,
        request.tenant.slug,
        actor.id.includes("@") ? { email: actor.id } : { id: actor.id },
      ),
    );
    return entity(request, "users", shape(request, guest));
  },
};
