import { z } from "zod";
import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";

const form = z.strictObject({
  selfServiceSignUp: z.enum(["on", "off"]),
  passkeyRequired: z.enum(["on", "off"]),
  returnTo: z.string().max(2048).optional(),
});

/** POST /{tenant}/admin/settings/save: stores what differs from the current settings, audited `tenantSettings.updated`. */
export const POST = adminAction(
  "settings.write",
  async ({ tenant, actor, form: body }) => {
    const parsed = form.safeParse(Object.fromEntries(body));
    if (!parsed.success) return { redirect: `/${tenant.slug}/admin/settings?error=invalid` };
    await services().admin.settings.update(actor, tenant, {
      selfServiceSignUp: parsed.data.selfServiceSignUp === "on",
      passkeyRequired: parsed.data.passkeyRequired === "on",
    });
    return { redirect: `/${tenant.slug}/admin/settings?saved=1` };
  },
  { recent: true },
);
