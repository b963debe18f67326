import { isLocale } from "../../../../../_lib/i18n";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { flowAction } from "../../_lib/flow-action";

const MAX_LINES = 100;

/**
 * The flow's texts in one language (overrides of the page messages, `key = text` a line) become
 * exactly what the form sends; an empty form removes them. The service checks each key against the
 * source messages and each text's ICU arguments, and names a bad one.
 */
export const POST = flowAction(async ({ tenant, actor, form, flow, here, options }) => {
  const locale = form.get("locale");
  if (!isLocale(locale) || !tenant.locales.enabled.includes(locale))
    return { redirect: withFeedback(here, { problems: { form: "invalid" }, values: {} }) };
  const field = `texts-${locale}`;
  const typed = form.get("texts") ?? "";
  const lines = typed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const texts: Record<string, string> = {};
  for (const line of lines.slice(0, MAX_LINES + 1)) {
    const at = line.indexOf("=");
    const key = at > 0 ? line.slice(0, at).trim() : "";
    const text = at > 0 ? line.slice(at + 1).trim() : "";
    if (!key || !text || lines.length > MAX_LINES || key in texts)
      return { redirect: withFeedback(here, { problems: { [field]: "textsLine" }, values: { [field]: typed } }) };
    texts[key] = text;
  }
  await services().userFlows.putOverrides(actor, tenant.slug, flow.name, locale, texts, options);
  return { redirect: `${here}?done=textsSaved#texts-${locale}-heading` };
});
