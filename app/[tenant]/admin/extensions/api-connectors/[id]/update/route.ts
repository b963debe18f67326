import { services } from "../../../../../../_lib/server";
import { withFeedback } from "../../../../_lib/form-feedback";
import { readConnectorForm } from "../../../_lib/connector-form";
import { extensionAction, typedValues } from "../../../_lib/extension-action";

/** Saves the connector's settings; a new password or certificate replaces the sealed one. */
export const POST = extensionAction<{ id: string }>(
  async ({ tenant, actor, form, base, params }) => {
    const here = `${base}/api-connectors/${encodeURIComponent(params.id)}`;
    const current = await services().apiConnectors.get(actor, tenant.slug, params.id);
    const read = readConnectorForm(form, current);
    if (!read.ok) return { redirect: withFeedback(here, { problems: { [read.field]: "invalid" }, values: read.values }) };
    await services().apiConnectors.update(actor, tenant.slug, params.id, read.input);
    return { redirect: `${here}?done=saved` };
  },
  ({ base, params }) => `${base}/api-connectors/${encodeURIComponent(params.id)}`,
  { values: typedValues },
);
