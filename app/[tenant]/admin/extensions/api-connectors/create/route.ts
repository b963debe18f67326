import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { readConnectorForm } from "../../_lib/connector-form";
import { extensionAction, typedValues } from "../../_lib/extension-action";

/** Registers an API connector through the connector service (checked and audited there). */
export const POST = extensionAction<Record<string, string>>(
  async ({ tenant, actor, form, base }) => {
    const read = readConnectorForm(form);
    const back = `${base}/api-connectors/new`;
    if (!read.ok) return { redirect: withFeedback(back, { problems: { [read.field]: "invalid" }, values: read.values }) };
    const created = await services().apiConnectors.create(actor, tenant.slug, read.input);
    return { redirect: `${base}/api-connectors/${created.id}?done=created` };
  },
  ({ base }) => `${base}/api-connectors/new`,
  { values: typedValues },
);
