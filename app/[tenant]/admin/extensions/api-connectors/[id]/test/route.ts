import { z } from "zod";
import { CONNECTOR_STEPS } from "../../../../../../_lib/journeys";
import { services } from "../../../../../../_lib/server";
import { extensionAction } from "../../../_lib/extension-action";
import { sealOutcome, TEST_PARAM } from "../../../_lib/test-outcome";

const FORM = z.object({ step: z.enum(CONNECTOR_STEPS), locale: z.string().max(10) });

/** "Send a test call": the service calls the connector with a sample request and audits it; the page shows the outcome. */
export const POST = extensionAction<{ id: string }>(
  async ({ tenant, actor, form, base, params }) => {
    const here = `${base}/api-connectors/${encodeURIComponent(params.id)}`;
    const parsed = FORM.safeParse(Object.fromEntries(form));
    // Only the tenant's languages: the request's ui_locales is what a journey of this tenant would send.
    const locale =
      parsed.success && tenant.locales.enabled.includes(parsed.data.locale as never)
        ? parsed.data.locale
        : tenant.locales.default;
    const step = parsed.success ? parsed.data.step : "postAttributeCollection";
    const outcome = await services().apiConnectors.testCall(actor, tenant.slug, params.id, { step, locale });
    return { redirect: `${here}?${TEST_PARAM}=${sealOutcome(tenant.slug, params.id, outcome)}#test-result` };
  },
  ({ base, params }) => `${base}/api-connectors/${encodeURIComponent(params.id)}`,
);
