import { getTranslations } from "next-intl/server";
import { isDirectoryError } from "../../../../_lib/directory";
import type { FormFeedback } from "../../_lib/form-feedback";

const CODES = ["displayName", "description", "member", "memberNotFound", "alreadyMember", "invalid"] as const;
type Code = (typeof CODES)[number];

/** Problem codes of the groups' forms in the administrator's language (unknown codes: the generic one). */
export async function groupProblemTexts(feedback: FormFeedback | undefined): Promise<Record<string, string>> {
  if (!feedback) return {};
  const t = await getTranslations("admin.groups.problems");
  return Object.fromEntries(
    Object.entries(feedback.problems).map(([field, code]) => [
      field,
      t((CODES as readonly string[]).includes(code) ? (code as Code) : "invalid"),
    ]),
  );
}

/** A mail nickname from the display name (Graph requires one; Guestgate sends no group mail). */
export function mailNicknameFor(displayName: string): string {
  const nickname = displayName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 64);
  return nickname || "group";
}

/** The directory's refusal code (isDirectoryError also recognises a refusal thrown from another bundle's copy). */
export function directoryRefusal(error: unknown): "forbidden" | "notFound" | "invalid" | "conflict" | undefined {
  return isDirectoryError(error) ? error.code : undefined;
}
