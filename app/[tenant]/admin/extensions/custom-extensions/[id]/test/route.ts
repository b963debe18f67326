import { z } from "zod";
import { services } from "../../../../../../_lib/server";
import { extensionAction } from "../../../_lib/extension-action";
import { sealOutcome, TEST_PARAM } from "../../../_lib/test-outcome";

const FORM = z.object({ locale: z.string().max(10) });

/** "Send a test call": the service calls the extension with a sample event and Guestgate's token, and audits it. */
export const POST = extensionAction<{ id: string }>(
  async ({ tenant, actor, form, base, params }) => {
    const here = `${base}/custom-extensions/${encodeURIComponent(params.id)}`;
    const parsed = FORM.safeParse(Object.fromEntries(form));
    const locale =
      parsed.success && tenant.locales.enabled.includes(parsed.data.locale as never)
        ? parsed.data.locale
        : tenant.locales.default;
    const outcome = await services().customExtensions.testCall(actor, tenant.slug, params.id, { locale });
    return { redirect: `${here}?${TEST_PARAM}=${sealOutcome(tenant.slug, params.id, outcome)}#test-result` };
  },
  ({ base, params }) => `${base}/custom-extensions/${encodeURIComponent(params.id)}`,
);
