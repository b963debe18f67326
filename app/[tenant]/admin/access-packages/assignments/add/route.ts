import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { withFeedback } from "../../../_lib/form-feedback";
import { adminLocale } from "../../../_lib/session";
import { entitlementRefusal, GUID, refusedField } from "../../_lib/refusal";
import { problemsOf } from "../../_lib/zod-problems";

const assignForm = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ message: "code:email" })),
  policyId: z.string().regex(GUID),
  justification: z.string().trim().max(4000).default(""),
});

/**
 * Assigns an access package to a person by e-mail address (the service's adminAdd, audited with
 * the administrator): a directory user by their address, anyone else under a policy for people
 * outside the directory, who becomes a guest on delivery. Under approval the request waits.
 */
export const POST = adminAction<Record<string, string>>("access.write", async ({ tenant, actor, form }) => {
  const values = Object.fromEntries(form);
  const base = `/${tenant.slug}/admin/access-packages/assignments`;
  const back = typeof values.returnTo === "string" && values.returnTo.startsWith(base) ? values.returnTo : base;
  const parsed = assignForm.safeParse(values);
  if (!parsed.success) return { redirect: withFeedback(back, { problems: problemsOf(parsed.error), values }) };
  const entitlements = services().entitlements;
  const { email, policyId, justification } = parsed.data;
  try {
    const policy = await entitlements.getPolicy(actor, tenant.slug, policyId.toLowerCase());
    const t = await getTranslations({ locale: await adminLocale(), namespace: "admin.access" });
    const request = await entitlements.adminAdd(
      { actor, tenantId: tenant.slug },
      {
        accessPackageId: policy.accessPackageId,
        policyId: policy.id,
        justification: justification || t("assignments.justificationValue"),
        target: { email },
      },
    );
    return {
      redirect: `${back}${back.includes("?") ? "&" : "?"}done=${request.state === "pendingApproval" ? "assignmentPending" : "assignmentAdded"}`,
    };
  } catch (error) {
    const code = entitlementRefusal(error);
    if (code === "notFound") return { redirect: withFeedback(back, { problems: { policyId: "notFound" }, values }) };
    if (code === "conflict") return { redirect: withFeedback(back, { problems: { email: "held" }, values }) };
    if (code === "invalid" && refusedField(error) === "assignment.target.email")
      return { redirect: withFeedback(back, { problems: { email: "policyScope" }, values }) };
    if (code === "invalid") return { redirect: withFeedback(back, { problems: { policyId: "invalid" }, values }) };
    throw error;
  }
});
