import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { extensionAction, typedValues } from "../../_lib/extension-action";
import { readExtensionForm } from "../../_lib/extension-form";

/** Registers a custom authentication extension through its service (checked and audited there). */
export const POST = extensionAction<Record<string, string>>(
  async ({ tenant, actor, form, base }) => {
    const read = readExtensionForm(form, true);
    const back = `${base}/custom-extensions/new`;
    if (!read.ok) return { redirect: withFeedback(back, { problems: { [read.field]: "invalid" }, values: read.values }) };
    const created = await services().customExtensions.create(actor, tenant.slug, read.input);
    return { redirect: `${base}/custom-extensions/${created.id}?done=created` };
  },
  ({ base }) => `${base}/custom-extensions/new`,
  { values: typedValues },
);
