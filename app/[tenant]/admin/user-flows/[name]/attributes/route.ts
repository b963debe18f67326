import { z } from "zod";
import { isBuiltInAttributeName } from "../../../../../_lib/directory";
import type { AttributeEntry } from "../../../../../_lib/journeys";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { catalogEntry } from "../../_lib/catalog-entry";
import { flowAction } from "../../_lib/flow-action";

const body = z.strictObject({
  intent: z.enum(["add", "up", "down", "remove", "required", "optional"]),
  attribute: z.string().trim().min(1).max(64),
  required: z.literal("on").optional(),
});

/**
 * One change to the attributes the flow collects, each through one verb of the user-flow service
 * (validated as a whole flow, audited there): add one of the tenant's attributes (a built-in, or a
 * custom one of its catalog, asked as its type asks), remove one, make it required or optional, or
 * move it one place up or down — plain submit buttons, so reordering works by keyboard and without
 * JavaScript (no drag and drop).
 */
export const POST = flowAction(async ({ tenant, actor, form, flow, here, options }) => {
  const parsed = body.safeParse({
    intent: form.get("intent") ?? undefined,
    attribute: form.get("attribute") ?? undefined,
    required: form.get("required") ?? undefined,
  });
  if (!parsed.success) return { redirect: withFeedback(here, { problems: { attributes: "invalid" }, values: {} }) };
  const { intent, attribute, required } = parsed.data;
  const flows = services().userFlows;
  const list = flow.definition.attributes ?? [];
  switch (intent) {
    case "add": {
      let entry: AttributeEntry;
      if (isBuiltInAttributeName(attribute)) entry = { name: attribute, required: required === "on" };
      else {
        const custom = await flows.getCustomAttribute(actor, tenant.slug, attribute);
        entry = catalogEntry(custom, required === "on", tenant.locales.enabled);
      }
      await flows.addAttribute(actor, tenant.slug, flow.name, entry, options);
      return { redirect: `${here}?done=attributeAdded#attributes` };
    }
    case "remove":
      await flows.removeAttribute(actor, tenant.slug, flow.name, attribute, options);
      return { redirect: `${here}?done=attributeRemoved#attributes` };
    case "required":
    case "optional":
      await flows.updateAttribute(
        actor,
        tenant.slug,
        flow.name,
        attribute,
        (current) => ({ ...current, required: intent === "required" }),
        options,
      );
      return { redirect: `${here}?done=attributeSaved#attributes` };
    case "up":
    case "down": {
      const order = list.map((a) => a.name);
      const index = order.findIndex((name) => name.toLowerCase() === attribute.toLowerCase());
      const target = intent === "up" ? index - 1 : index + 1;
      if (index < 0 || target < 0 || target >= order.length)
        return { redirect: withFeedback(here, { problems: { attributes: "invalid" }, values: {} }) };
      [order[index], order[target]] = [order[target]!, order[index]!];
      await flows.setAttributeOrder(actor, tenant.slug, flow.name, order, options);
      // Back to the row that moved, so a keyboard user carries on where they were.
      return { redirect: `${here}?done=attributeMoved#attribute-${order[target]}` };
    }
  }
});
