import { z } from "zod";
import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import { entitlementRefusal, GUID } from "../_lib/refusal";
import { problemsOf } from "../_lib/zod-problems";

const packageForm = z.object({
  catalogId: z.string().regex(GUID),
  displayName: z.string().trim().min(1).max(256),
  description: z.string().trim().max(1024).default(""),
});

/** A new access package in a catalog of the tenant, through the entitlement service as the administrator. */
export const POST = adminAction<Record<string, string>>("access.write", async ({ tenant, actor, form }) => {
  const base = `/${tenant.slug}/admin/access-packages`;
  const values = Object.fromEntries(form);
  const parsed = packageForm.safeParse(values);
  if (!parsed.success) return { redirect: withFeedback(base, { problems: problemsOf(parsed.error), values }) };
  try {
    const created = await services().entitlements.createPackage(
      { actor, tenantId: tenant.slug },
      parsed.data.catalogId.toLowerCase(),
      { displayName: parsed.data.displayName, description: parsed.data.description, isHidden: false },
    );
    return { redirect: `${base}/${created.id}?done=created` };
  } catch (error) {
    if (entitlementRefusal(error) === "invalid")
      return { redirect: withFeedback(base, { problems: { catalogId: "notFound" }, values }) };
    throw error;
  }
});
