import { getTranslations } from "next-intl/server";
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

/**
 * The directory's refusal code, read by name: the services and this route may be bundled apart,
 * so `instanceof DirectoryError` (what isDirectoryError checks) can be false for a real refusal.
 */
export function directoryRefusal(error: unknown): "forbidden" | "notFound" | "invalid" | "conflict" | undefined {
  if (!(error instanceof Error) || error.name !== "DirectoryError") return undefined;
  const code = (error as Error & { code?: unknown }).code;
  return code === "forbidden" || code === "notFound" || code === "invalid" || code === "conflict" ? code : undefined;
}
