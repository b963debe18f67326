import { z } from "zod";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { isCustomEntry, readAttributeTexts, textField } from "../../_lib/attribute-texts-form";
import { flowAction } from "../../_lib/flow-action";

const attributeName = z.string().trim().min(1).max(64);

/**
 * A custom attribute's label, help text and choices in the tenant's languages, saved through the
 * user-flow service's updateAttribute (the whole flow validated again and the edit audited there).
 * Refused fields come back next to themselves with what was typed, so nothing is lost.
 */
export const POST = flowAction(async ({ tenant, actor, form, flow, here, options }) => {
  const parsed = attributeName.safeParse(form.get("attribute") ?? undefined);
  const current = parsed.success
    ? (flow.definition.attributes ?? []).find((a) => a.name.toLowerCase() === parsed.data.toLowerCase())
    : undefined;
  if (!current || !isCustomEntry(current))
    return { redirect: withFeedback(here, { problems: { attributes: "notFound" }, values: {} }) };
  const { entry, problems, typed } = readAttributeTexts(form, current, tenant.locales.enabled);
  if (Object.keys(problems).length > 0) return { redirect: withFeedback(here, { problems, values: typed }) };
  await services().userFlows.updateAttribute(actor, tenant.slug, flow.name, current.name, () => entry, options);
  return { redirect: `${here}?done=attributeTextsSaved#${textField.form(current.name)}` };
});
