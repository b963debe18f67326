import { getTranslations } from "next-intl/server";
import type { FormFeedback } from "../../_lib/form-feedback";

/**
 * A problem code from the feedback (`httpNotLoopback@2`: the rule and the line it was broken on)
 * in the administrator's language. Unknown codes read as the generic problem, never as raw text.
 */
const CODES = [
  "displayName",
  "localizedName",
  "tooMany",
  "duplicate",
  "invalid",
  "length",
  "whitespace",
  "fragment",
  "wildcard",
  "notAbsolute",
  "userInfo",
  "noHost",
  "httpNotLoopback",
  "port",
  "scheme",
  "publicPermissions",
  "roleAssigned",
  "roleEnabled",
  "roleInvalid",
  "roleValue",
  "roleDisplayName",
  "roleMemberTypes",
  "roleDuplicate",
  "secretExpiry",
  "secretDisplayName",
  "clientType",
  "modified",
  "flowMissing",
  "required",
] as const;
type Code = (typeof CODES)[number];

export async function problemTexts(feedback: FormFeedback | undefined): Promise<Record<string, string>> {
  if (!feedback) return {};
  const t = await getTranslations("admin.applications.problems");
  const texts: Record<string, string> = {};
  for (const [field, value] of Object.entries(feedback.problems)) {
    const [code, line] = value.split("@");
    const known: Code = (CODES as readonly string[]).includes(code ?? "") ? (code as Code) : "invalid";
    const text = t(known);
    texts[field] = line && /^\d{1,3}$/.test(line) ? t("onLine", { line: Number(line), problem: text }) : text;
  }
  return texts;
}
