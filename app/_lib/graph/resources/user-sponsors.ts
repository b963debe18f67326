import type { z } from "zod";
import type { GraphRoute } from "../context";
import { ACCESS } from "../permissions";
import { objectId, referenceBody, referencedId } from "../references";
import { entity, noContent } from "../results";
import { memberJson, viaService } from "./directory-objects";
import { pagedObjects } from "./group-members";

// A sponsor or a manager is a user: `@odata.id` may name it under either collection (contract §1).
const USER_COLLECTIONS = ["directoryObjects", "users"] as const;

const referenced = (body: unknown) => referencedId((body as z.infer<typeof referenceBody>)["@odata.id"], USER_COLLECTIONS);

/** `users/{id}/sponsors` and `users/{id}/manager` (contract §1): approval stages name these people. */
export const userSponsorRoutes: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "users/{id}/sponsors",
    access: ACCESS.usersRead,
    summary: "List a user's sponsors",
    queryOptions: ["top", "skipToken"],
    async handle(request) {
      const id = objectId(request.params.id!);
      return pagedObjects(
        request,
        { resource: "sponsors", user: id },
        (query) => request.services.groups.listSponsors(request.actor, request.tenant.slug, id, query),
        memberJson,
      );
    },
  },
  {
    method: "POST",
    path: "users/{id}/sponsors/$ref",
    access: ACCESS.usersWrite,
    summary: "Add a sponsor (a user; at most five)",
    body: referenceBody,
    async handle(request) {
      const id = objectId(request.params.id!);
      const sponsorId = referenced(request.body);
      await viaService(id, () =>
        request.services.groups.addSponsor(request.actor, request.tenant.slug, id, sponsorId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "users/{id}/sponsors/{sponsorId}/$ref",
    access: ACCESS.usersWrite,
    summary: "Remove a sponsor",
    async handle(request) {
      const id = objectId(request.params.id!);
      const sponsorId = objectId(request.params.sponsorId!);
      await viaService(id, () =>
        request.services.groups.removeSponsor(request.actor, request.tenant.slug, id, sponsorId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "GET",
    path: "users/{id}/manager",
    access: ACCESS.usersRead,
    summary: "Read a user's manager (404 when they have none)",
    async handle(request) {
      const id = objectId(request.params.id!);
      const manager = await viaService(id, () => request.services.groups.getManager(request.actor, request.tenant.slug, id));
      return entity(request, "directoryObjects", memberJson(manager));
    },
  },
  {
    method: "PUT",
    path: "users/{id}/manager/$ref",
    access: ACCESS.usersWrite,
    summary: "Set or replace a user's manager (a user)",
    body: referenceBody,
    async handle(request) {
      const id = objectId(request.params.id!);
      const managerId = referenced(request.body);
      await viaService(id, () =>
        request.services.groups.setManager(request.actor, request.tenant.slug, id, managerId, request.requestId),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "users/{id}/manager/$ref",
    access: ACCESS.usersWrite,
    summary: "Remove a user's manager",
    async handle(request) {
      const id = objectId(request.params.id!);
      await viaService(id, () =>
        request.services.groups.removeManager(request.actor, request.tenant.slug, id, request.requestId),
      );
      return noContent();
    },
  },
];
