import { z } from "zod";
import { identitySource } from "../../../../../_lib/access";
import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { withFeedback } from "../../../_lib/form-feedback";
import { problemsOf } from "../../_lib/zod-problems";

const organizationForm = z.object({
  displayName: z.string().trim().min(1).max(256),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .refine((domain) => identitySource.shape.domainName.safeParse(domain).success, { message: "code:domain" }),
  state: z.enum(["configured", "proposed"]),
});

/** A connected organisation known by one e-mail domain, through the entitlement service as the administrator. */
export const POST = adminAction<Record<string, string>>("access.write", async ({ tenant, actor, form }) => {
  const base = `/${tenant.slug}/admin/access-packages/connected-organizations`;
  const values = Object.fromEntries(form);
  const parsed = organizationForm.safeParse(values);
  if (!parsed.success) return { redirect: withFeedback(base, { problems: problemsOf(parsed.error), values }) };
  const { displayName, domain, state } = parsed.data;
  await services().entitlements.createConnectedOrganization(
    { actor, tenantId: tenant.slug },
    {
      displayName,
      description: "",
      state,
      identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: domain, displayName: domain }],
    },
  );
  return { redirect: `${base}?done=organizationCreated` };
});
