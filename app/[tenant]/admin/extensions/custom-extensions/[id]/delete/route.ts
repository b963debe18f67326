import { services } from "../../../../../../_lib/server";
import { extensionAction } from "../../../_lib/extension-action";

/** Removes the extension after the confirmation box and a fresh sign-in proof (refused while a token-issuance listener uses it). */
export const POST = extensionAction<{ id: string }>(
  async ({ tenant, actor, form, base, params }) => {
    if (form.get("confirm") !== "yes") return { redirect: `${base}/custom-extensions/${encodeURIComponent(params.id)}` };
    await services().customExtensions.remove(actor, tenant.slug, params.id);
    return { redirect: `${base}?done=deleted` };
  },
  ({ base }) => base,
  { recent: true },
);
