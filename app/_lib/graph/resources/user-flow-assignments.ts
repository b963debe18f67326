import { z } from "zod";
import type { AttributeEntry } from "../../journeys";
import type { GraphRequest, GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { collection, entity, noContent } from "../results";
import { callUserFlows } from "./user-flow-errors";
import { auditOptions, flowContext, getFlow, tenantConfiguration } from "./user-flow-lookup";
import {
  assignmentOf,
  attributeIdOf,
  customEntry,
  inputTypeOf,
  graphFlowId,
  parseAttributeId,
  parseUserInputType,
  type AssignmentInput,
} from "./user-flow-mapping";

const userInputType = z
  .string()
  .transform(
    (value, ctx) =>
      parseUserInputType(value) ?? (ctx.addIssue({ code: "custom", message: `'${value}' is not a userInputType` }), z.NEVER),
  );

const assignmentFields = {
  displayName: z.string().trim().min(1).max(200).optional(),
  isOptional: z.boolean().optional(),
  requiresVerification: z.boolean().optional(),
  userInputType: userInputType.optional(),
  userAttributeValues: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        value: z.string().min(1).max(64),
        isDefault: z.boolean().optional(),
      }),
    )
    .max(200)
    .optional(),
  guestgateValidators: z
    .array(
      z.strictObject({
        type: z.string().min(1).max(20),
        pattern: z.string().max(1000).optional(),
        country: z.string().length(2).optional(),
      }),
    )
    .max(1, "Guestgate checks one validator per attribute")
    .optional(),
};
const createBody = z.strictObject({
  ...assignmentFields,
  "@odata.type": z.string().optional(),
  userAttribute: z.strictObject({ id: z.string().min(1).max(200) }),
});
const patchBody = z.strictObject(assignmentFields);
const setOrderBody = z.strictObject({
  newAssignmentOrder: z.strictObject({ order: z.array(z.string().min(1).max(200)).max(50) }),
});

const entitySet = (request: GraphRequest, name: string) =>
  `identity/b2xUserFlows('${graphFlowId(name)}')/userAttributeAssignments`;

/** The flow entry name an attribute id names: built-ins by name, custom ones without `extension_<appId>_`. */
const attributeName = (request: GraphRequest, id: string) => {
  const parsed = parseAttributeId(id, request.tenant.extensionsAppId);
  return "builtIn" in parsed ? parsed.builtIn : parsed.custom;
};

const DATA_TYPES: Record<string, string> = { integer: "int64", boolean: "boolean" };

/** PATCH: the entry with the assignment's changes; what the patch leaves out (texts, checks) stays. */
function patched(current: AttributeEntry, patch: z.infer<typeof patchBody>, locales: readonly string[]): AttributeEntry {
  if (!("type" in current)) {
    if (patch.userInputType || patch.userAttributeValues || patch.guestgateValidators || patch.displayName)
      throw graphErrors.badRequest(`Only isOptional can change on the built-in attribute '${current.name}'.`);
    return patch.isOptional === undefined ? current : { ...current, required: !patch.isOptional };
  }
  const input: AssignmentInput = {
    ...patch,
    isOptional: patch.isOptional ?? current.required !== true,
    userInputType: patch.userInputType ?? inputTypeOf(current),
  };
  const next = customEntry(current.name, DATA_TYPES[String(current.type)] ?? "string", input, locales);
  const sameType = next.type === current.type;
  const kept = Object.fromEntries(
    Object.entries(current).filter(([key]) => {
      if (["name", "type", "required"].includes(key)) return false;
      if (key === "label") return patch.displayName === undefined;
      if (key === "options") return sameType && patch.userAttributeValues === undefined;
      if (["pattern", "format", "country"].includes(key)) return sameType && patch.guestgateValidators === undefined;
      return sameType;
    }),
  );
  return { ...next, ...kept };
}

export const USER_FLOW_ASSIGNMENT_ROUTES: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/userAttributeAssignments",
    access: ACCESS.userFlowsRead,
    summary: "The attributes a user flow collects, in the order of the sign-up page.",
    async handle(request) {
      const flow = await getFlow(request);
      const { defaultLocale } = await tenantConfiguration(request);
      return collection(
        request,
        entitySet(request, flow.name),
        (flow.definition.attributes ?? []).map((a) => assignmentOf(a, request.tenant.extensionsAppId, defaultLocale)),
      );
    },
  },
  {
    method: "POST",
    path: "identity/b2xUserFlows/{id}/userAttributeAssignments",
    access: ACCESS.userFlowsWrite,
    summary: "Collect one more attribute in a user flow (appended at the end of the page).",
    body: createBody,
    async handle(request) {
      const body = request.body as z.infer<typeof createBody>;
      const { tenantId, name } = flowContext(request);
      const { locales, defaultLocale } = await tenantConfiguration(request);
      const parsed = parseAttributeId(body.userAttribute.id, request.tenant.extensionsAppId);
      let entry: AttributeEntry;
      if ("builtIn" in parsed) {
        if (body.userAttributeValues?.length || body.guestgateValidators?.length)
          throw graphErrors.badRequest(`The built-in attribute '${parsed.builtIn}' has fixed values and checks.`);
        entry = { name: parsed.builtIn, required: body.isOptional === false };
      } else {
        const attribute = await callUserFlows(body.userAttribute.id, () =>
          request.services.userFlows.getCustomAttribute(request.actor, tenantId, parsed.custom),
        );
        entry = customEntry(attribute.name, attribute.dataType, body, locales);
      }
      const flow = await callUserFlows(request.params.id!, () =>
        request.services.userFlows.addAttribute(request.actor, tenantId, name, entry, auditOptions(request)),
      );
      const added = flow.definition.attributes!.find((a) => a.name === entry.name)!;
      const id = attributeIdOf(added, request.tenant.extensionsAppId);
      return entity(request, entitySet(request, flow.name), assignmentOf(added, request.tenant.extensionsAppId, defaultLocale), {
        status: 201,
        location: `${request.serviceRoot}/identity/b2xUserFlows/${graphFlowId(flow.name)}/userAttributeAssignments/${id}`,
      });
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/userAttributeAssignments/getOrder",
    access: ACCESS.userFlowsRead,
    summary: "The order of the user flow's attributes on the sign-up page.",
    async handle(request) {
      const flow = await getFlow(request);
      const order = (flow.definition.attributes ?? []).map((a) => attributeIdOf(a, request.tenant.extensionsAppId));
      return {
        status: 200,
        body: { "@odata.context": `${request.serviceRoot}/$metadata#microsoft.graph.assignmentOrder`, order },
      };
    },
  },
  {
    method: "POST",
    path: "identity/b2xUserFlows/{id}/userAttributeAssignments/setOrder",
    access: ACCESS.userFlowsWrite,
    summary: "Reorder the user flow's attributes; the order names each of them once.",
    body: setOrderBody,
    async handle(request) {
      const { tenantId, name } = flowContext(request);
      const order = (request.body as z.infer<typeof setOrderBody>).newAssignmentOrder.order.map((id) =>
        attributeName(request, id),
      );
      await callUserFlows(request.params.id!, () =>
        request.services.userFlows.setAttributeOrder(request.actor, tenantId, name, order, auditOptions(request)),
      );
      return noContent();
    },
  },
  {
    method: "GET",
    path: "identity/b2xUserFlows/{id}/userAttributeAssignments/{attrId}",
    access: ACCESS.userFlowsRead,
    summary: "One attribute of a user flow.",
    async handle(request) {
      const flow = await getFlow(request);
      const wanted = attributeName(request, request.params.attrId!).toLowerCase();
      const entry = (flow.definition.attributes ?? []).find((a) => a.name.toLowerCase() === wanted);
      if (!entry) throw graphErrors.notFound(request.params.attrId!);
      const { defaultLocale } = await tenantConfiguration(request);
      return entity(request, entitySet(request, flow.name), assignmentOf(entry, request.tenant.extensionsAppId, defaultLocale));
    },
  },
  {
    method: "PATCH",
    path: "identity/b2xUserFlows/{id}/userAttributeAssignments/{attrId}",
    access: ACCESS.userFlowsWrite,
    summary: "Change how a user flow collects one attribute.",
    body: patchBody,
    async handle(request) {
      const { tenantId, name } = flowContext(request);
      const { locales } = await tenantConfiguration(request);
      const attribute = attributeName(request, request.params.attrId!);
      const patch = request.body as z.infer<typeof patchBody>;
      await callUserFlows(request.params.attrId!, () =>
        request.services.userFlows.updateAttribute(
          request.actor,
          tenantId,
          name,
          attribute,
          (current) => patched(current, patch, locales),
          auditOptions(request),
        ),
      );
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "identity/b2xUserFlows/{id}/userAttributeAssignments/{attrId}",
    access: ACCESS.userFlowsWrite,
    summary: "Stop collecting an attribute in a user flow (values already stored are kept).",
    async handle(request) {
      const { tenantId, name } = flowContext(request);
      const attribute = attributeName(request, request.params.attrId!);
      await callUserFlows(request.params.attrId!, () =>
        request.services.userFlows.removeAttribute(request.actor, tenantId, name, attribute, auditOptions(request)),
      );
      return noContent();
    },
  },
];
