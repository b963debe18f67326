import { z } from "zod";
import { BUILT_IN_ATTRIBUTE_NAMES } from "../../directory";
import type { CustomAttribute } from "../../journeys";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import type { FilterExpression } from "../odata/ast";
import { ACCESS } from "../permissions";
import { entity, noContent } from "../results";
import { callUserFlows } from "./user-flow-errors";
import { pagedCollection } from "./user-flow-paging";
import { auditOptions } from "./user-flow-lookup";
import { customAttributeId, parseAttributeId } from "./user-flow-mapping";

/*
 * identity/userFlowAttributes (contract §4.2): the built-ins, then the tenant's custom attribute
 * catalog. A custom attribute's stored name is the flow attribute name (camelCase), made from
 * Graph's displayName by lower-casing its first letter ("OrgType" → "orgType"); its id is
 * extension_<extensionsAppId>_<name> and displayName reads back as that name. Only custom ones
 * can change (the description) or go.
 */
const ENTITY_SET = "identity/userFlowAttributes";

const builtIn = (name: string) => ({
  id: name,
  displayName: name,
  description: "",
  userFlowAttributeType: "builtIn",
  dataType: "string",
});

const custom = (request: GraphRequest, attribute: CustomAttribute) => ({
  id: customAttributeId(request.tenant.extensionsAppId, attribute.name),
  displayName: attribute.name,
  description: attribute.description,
  userFlowAttributeType: "custom",
  dataType: attribute.dataType,
});

const FILTERABLE = new Set(["id", "displayName", "userFlowAttributeType", "dataType"]);

/** `$filter` supports eq and ne on id, displayName, userFlowAttributeType and dataType (contract §4.2), with and/or/not. */
function matches(filter: FilterExpression, item: Record<string, unknown>): boolean {
  switch (filter.kind) {
    case "and":
      return matches(filter.left, item) && matches(filter.right, item);
    case "or":
      return matches(filter.left, item) || matches(filter.right, item);
    case "not":
      return !matches(filter.operand, item);
    case "compare": {
      if (!FILTERABLE.has(filter.property))
        throw graphErrors.unsupportedQuery(`Unsupported property '${filter.property}' in $filter.`);
      if (filter.op !== "eq" && filter.op !== "ne")
        throw graphErrors.unsupportedQuery(`Unsupported operator '${filter.op}' in $filter: use eq or ne.`);
      const equal = String(item[filter.property]).toLowerCase() === String(filter.value).toLowerCase();
      return filter.op === "eq" ? equal : !equal;
    }
    default:
      throw graphErrors.unsupportedQuery(`Unsupported $filter: only eq and ne on ${[...FILTERABLE].join(", ")}.`);
  }
}

const createBody = z.strictObject({
  displayName: z.string().trim().min(1).max(40),
  description: z.string().max(1000).default(""),
  dataType: z.enum(["string", "boolean", "int64"]),
  userFlowAttributeType: z.literal("custom").optional(),
});
const patchBody = z.strictObject({ description: z.string().max(1000) });

const storedName = (displayName: string) => displayName.charAt(0).toLowerCase() + displayName.slice(1);

/** The custom attribute an id names; a built-in is refused with the verb's message. */
function customName(request: GraphRequest, refusal: string): string {
  const parsed = parseAttributeId(request.params.id!, request.tenant.extensionsAppId);
  if ("builtIn" in parsed) throw graphErrors.badRequest(refusal);
  return parsed.custom;
}

export const USER_FLOW_ATTRIBUTE_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: ENTITY_SET,
    access: ACCESS.userFlowsRead,
    summary: "The attributes user flows can collect: built-ins, then the tenant's custom ones.",
    queryOptions: ["filter", "top", "skipToken"],
    async handle(request) {
      const customs = await callUserFlows("", () =>
        request.services.userFlows.listCustomAttributes(request.actor, request.tenant.slug),
      );
      const all = [...BUILT_IN_ATTRIBUTE_NAMES.map(builtIn), ...customs.map((c) => custom(request, c))];
      const filter = request.query.filter;
      return pagedCollection(request, ENTITY_SET, filter ? all.filter((item) => matches(filter, item)) : all);
    },
  },
  {
    method: "POST",
    path: ENTITY_SET,
    access: ACCESS.userFlowsWrite,
    summary: "Add a custom attribute to the tenant's catalog.",
    body: createBody,
    async handle(request) {
      const body = request.body as z.infer<typeof createBody>;
      const attribute = await callUserFlows(body.displayName, () =>
        request.services.userFlows.createCustomAttribute(
          request.actor,
          request.tenant.slug,
          { name: storedName(body.displayName), dataType: body.dataType, description: body.description },
          auditOptions(request),
        ),
      );
      const shaped = custom(request, attribute);
      return entity(request, ENTITY_SET, shaped, { status: 201, location: `${request.serviceRoot}/${ENTITY_SET}/${shaped.id}` });
    },
  },
  {
    method: "GET",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.userFlowsRead,
    summary: "One user flow attribute.",
    async handle(request) {
      const parsed = parseAttributeId(request.params.id!, request.tenant.extensionsAppId);
      if ("builtIn" in parsed) return entity(request, ENTITY_SET, builtIn(parsed.builtIn));
      const attribute = await callUserFlows(request.params.id!, () =>
        request.services.userFlows.getCustomAttribute(request.actor, request.tenant.slug, parsed.custom),
      );
      return entity(request, ENTITY_SET, custom(request, attribute));
    },
  },
  {
    method: "PATCH",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.userFlowsWrite,
    summary: "Change a custom attribute's description (nothing else can change).",
    body: patchBody,
    async handle(request) {
      const name = customName(request, "Only custom attributes can be updated.");
      const { description } = request.body as z.infer<typeof patchBody>;
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.updateCustomAttributeDescription(
          request.actor,
          request.tenant.slug,
          name,
          description,
          auditOptions(request),
        ),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: `${ENTITY_SET}/{id}`,
    access: ACCESS.userFlowsWrite,
    summary: "Remove a custom attribute no user flow collects.",
    async handle(request) {
      const name = customName(request, "Only custom attributes can be deleted.");
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.deleteCustomAttribute(request.actor, request.tenant.slug, name, auditOptions(request)),
      );
      return noContent();
    },
  },
];
