import type { z } from "zod";

/** A form's zod issues as the portal's problem codes, one per field (the first issue wins). */
export function problemsOf(error: z.ZodError): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    problems[field] ??=
      issue.code === "too_big" ? "tooLong" : issue.message.startsWith("code:") ? issue.message.slice(5) : "required";
  }
  return problems;
}
