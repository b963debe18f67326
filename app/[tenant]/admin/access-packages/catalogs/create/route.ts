import { z } from "zod";
import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { withFeedback } from "../../../_lib/form-feedback";
import { problemsOf } from "../../_lib/zod-problems";

const catalogForm = z.object({
  displayName: z.string().trim().min(1).max(256),
  description: z.string().trim().max(1024).default(""),
  isExternallyVisible: z.literal("on").optional(),
});

/** A new catalog, through the entitlement service as the administrator (who audits it). */
export const POST = adminAction<Record<string, string>>("access.write", async ({ tenant, actor, form }) => {
  const base = `/${tenant.slug}/admin/access-packages/catalogs`;
  const values = Object.fromEntries(form);
  const parsed = catalogForm.safeParse(values);
  if (!parsed.success) {
    return { redirect: withFeedback(base, { problems: problemsOf(parsed.error), values }) };
  }
  const catalog = await services().entitlements.createCatalog(
    { actor, tenantId: tenant.slug },
    {
      displayName: parsed.data.displayName,
      description: parsed.data.description,
      catalogType: "userManaged",
      state: "published",
      isExternallyVisible: parsed.data.isExternallyVisible === "on",
    },
  );
  return { redirect: `${base}/${catalog.id}?done=created` };
});
