import { services } from "../../../../../../_lib/server";
import { withFeedback } from "../../../../_lib/form-feedback";
import { extensionAction, typedValues } from "../../../_lib/extension-action";
import { readExtensionForm } from "../../../_lib/extension-form";

/** Saves the extension's settings (its event type stays what it was registered for). */
export const POST = extensionAction<{ id: string }>(
  async ({ tenant, actor, form, base, params }) => {
    const here = `${base}/custom-extensions/${encodeURIComponent(params.id)}`;
    const read = readExtensionForm(form, false);
    if (!read.ok) return { redirect: withFeedback(here, { problems: { [read.field]: "invalid" }, values: read.values }) };
    await services().customExtensions.update(actor, tenant.slug, params.id, read.input);
    return { redirect: `${here}?done=saved` };
  },
  ({ base, params }) => `${base}/custom-extensions/${encodeURIComponent(params.id)}`,
  { values: typedValues },
);
