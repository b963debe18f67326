import { services } from "../../../../../../_lib/server";
import { extensionAction } from "../../../_lib/extension-action";

/** Removes the connector after the confirmation box and a fresh sign-in proof (a flow naming it then blocks). */
export const POST = extensionAction<{ id: string }>(
  async ({ tenant, actor, form, base, params }) => {
    if (form.get("confirm") !== "yes") return { redirect: `${base}/api-connectors/${encodeURIComponent(params.id)}` };
    await services().apiConnectors.remove(actor, tenant.slug, params.id);
    return { redirect: `${base}?done=deleted` };
  },
  ({ base }) => base,
  { recent: true },
);
