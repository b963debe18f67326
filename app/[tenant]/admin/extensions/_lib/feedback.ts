import { getTranslations } from "next-intl/server";
import { readFeedback, type FormFeedback } from "../../_lib/form-feedback";
import { EXTENSION_FIELDS, type ExtensionField } from "./refusal";

/** A page's form feedback as field → problem text in the administrator's language (unknown fields dropped). */
export async function problemTexts(
  value: string | string[] | undefined,
): Promise<{ feedback: FormFeedback | undefined; problems: Partial<Record<ExtensionField, string>> }> {
  const feedback = readFeedback(value);
  const t = await getTranslations("admin.extensions.problems");
  const problems: Partial<Record<ExtensionField, string>> = {};
  for (const field of Object.keys(feedback?.problems ?? {}))
    if ((EXTENSION_FIELDS as readonly string[]).includes(field)) problems[field as ExtensionField] = t(field as ExtensionField);
  return { feedback, problems };
}
