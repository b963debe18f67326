import { getTranslations } from "next-intl/server";
import type { FormFeedback } from "../../_lib/form-feedback";

const CODES = [
  "required",
  "tooLong",
  "invalid",
  "notFound",
  "conflict",
  "domain",
  "email",
  "number",
  "date",
  "approvers",
  "fallbackNeeded",
  "targets",
  "externalCatalog",
  "inUse",
  "policyScope",
  "held",
  "confirmDelete",
  "catalogNotEmpty",
  "packageActive",
  "policyActive",
  "organizationInUse",
] as const;
export type ProblemCode = (typeof CODES)[number];

/** Problem codes of the access-package forms in the administrator's language (unknown codes: the generic one). */
export async function accessProblemTexts(feedback: FormFeedback | undefined): Promise<Record<string, string>> {
  if (!feedback) return {};
  const t = await getTranslations("admin.access");
  return Object.fromEntries(
    Object.entries(feedback.problems).map(([field, code]) => [
      field,
      t(`problems.${(CODES as readonly string[]).includes(code) ? (code as ProblemCode) : "invalid"}`),
    ]),
  );
}
