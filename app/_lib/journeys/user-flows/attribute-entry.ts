import { z } from "zod";
import {
  BUILT_IN_ATTRIBUTE_NAMES,
  builtInAttribute,
  customAttributeDefinition,
  customAttributeSchema,
  isBuiltInAttributeName,
} from "../../directory";
import type { FlowAttribute } from "./types";

/** Client ids as the OIDC module issues them (GUIDs), with room for the ones an operator imports. */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$/, "a client id");

/** What a flow says about an attribute besides what it is: whether it must be given, and for which apps. */
const placementSchema = z.strictObject({
  required: z.boolean().default(false),
  apps: z.array(clientIdSchema).min(1).optional(),
});

const builtInReference = z.strictObject({
  name: z.string().refine(isBuiltInAttributeName, {
    error: (issue) =>
      `"${String(issue.input)}" is not a built-in attribute (${BUILT_IN_ATTRIBUTE_NAMES.join(", ")}); a custom attribute needs a "type"`,
  }),
  ...placementSchema.shape,
});

/**
 * An entry of a flow's `attributes`: a built-in named alone (`{ "name": "givenName" }`), or a
 * custom attribute declared in place (`{ "name": "dietaryPreference", "type": "singleChoice", … }`).
 * The presence of `type` tells them apart, which keeps problems pointed at the right field
 * instead of a union's "matches none of".
 */
export const attributeEntrySchema = z.unknown().transform((raw, ctx): FlowAttribute => {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: "custom", message: 'an attribute such as { "name": "givenName", "required": true }', input: raw });
    return z.NEVER;
  }
  const forward = (error: z.ZodError) => {
    for (const issue of error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path, input: raw });
    return z.NEVER;
  };
  if (!("type" in raw)) {
    const entry = builtInReference.safeParse(raw);
    if (!entry.success) return forward(entry.error);
    return withPlacement({ definition: builtInAttribute(entry.data.name) }, entry.data);
  }
  const { required, apps, ...declaration } = raw as Record<string, unknown>;
  const placement = placementSchema.safeParse({ required, apps });
  const custom = customAttributeSchema.safeParse(declaration);
  if (!placement.success) forward(placement.error);
  if (!custom.success) forward(custom.error);
  if (!placement.success || !custom.success) return z.NEVER;
  return withPlacement({ definition: customAttributeDefinition(custom.data) }, placement.data);
});

function withPlacement(base: Pick<FlowAttribute, "definition">, placement: z.infer<typeof placementSchema>): FlowAttribute {
  return placement.apps
    ? { ...base, required: placement.required, apps: placement.apps }
    : { ...base, required: placement.required };
}
