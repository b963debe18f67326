import type { z } from "zod";
import type { SponsorKind } from "../../access";
import type { GraphRoute } from "../context";
import { ACCESS } from "../permissions";
import { objectId, referenceBody, referencedId } from "../references";
import { noContent } from "../results";
import { memberJson } from "./directory-objects";
import { callOf, EM, guidParam, viaAccess } from "./entitlement-common";
import { pagedObjects } from "./group-members";

// A sponsor is a user: `@odata.id` may name it under either collection (contract §1).
const USER_COLLECTIONS = ["directoryObjects", "users"] as const;
const organizationsPath = `${EM}/connectedOrganizations`;

/**
 * `connectedOrganizations/{id}/internalSponsors` and `…/externalSponsors` (contract §7): the
 * people an approval stage with `internalSponsors` / `externalSponsors` asks for a requestor of
 * that organisation. Both are users of the tenant; another tenant's user or organisation is 404.
 */
function sponsorRoutes(kind: SponsorKind): GraphRoute[] {
  const segment = `${kind}Sponsors`;
  return [
    {
      method: "GET",
      path: `${organizationsPath}/{id}/${segment}`,
      access: ACCESS.entitlementsRead,
      summary: `List a connected organization's ${kind} sponsors`,
      queryOptions: ["top", "skipToken"],
      async handle(request) {
        const id = guidParam(request.params.id!);
        return pagedObjects(
          request,
          { resource: segment, organization: id },
          (query) =>
            viaAccess(id, () =>
              request.services.entitlements.listOrganizationSponsors(request.actor, request.tenant.slug, id, kind, query),
            ),
          memberJson,
        );
      },
    },
    {
      method: "POST",
      path: `${organizationsPath}/{id}/${segment}/$ref`,
      access: ACCESS.entitlementsWrite,
      summary: `Add an ${kind} sponsor (a user) to a connected organization`,
      body: referenceBody,
      async handle(request) {
        const id = guidParam(request.params.id!);
        const sponsorId = referencedId((request.body as z.infer<typeof referenceBody>)["@odata.id"], USER_COLLECTIONS);
        await viaAccess(id, () => request.services.entitlements.addOrganizationSponsor(callOf(request), id, kind, sponsorId));
        return noContent();
      },
    },
    {
      method: "DELETE",
      path: `${organizationsPath}/{id}/${segment}/{sponsorId}/$ref`,
      access: ACCESS.entitlementsWrite,
      summary: `Remove an ${kind} sponsor from a connected organization`,
      async handle(request) {
        const id = guidParam(request.params.id!);
        const sponsorId = objectId(request.params.sponsorId!);
        await viaAccess(id, () => request.services.entitlements.removeOrganizationSponsor(callOf(request), id, kind, sponsorId));
        return noContent();
      },
    },
  ];
}

export const ORGANIZATION_SPONSOR_ROUTES: readonly GraphRoute[] = [...sponsorRoutes("internal"), ...sponsorRoutes("external")];
