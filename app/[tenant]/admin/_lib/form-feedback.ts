import { z } from "zod";

/**
 * What a portal form's POST hands back to its page after a validation error (Post/Redirect/Get,
 * so the page still works without JavaScript): each field's problem as a code and what the
 * administrator typed, in the query of the 303. Never a secret: secret values do not go through here.
 */
export interface FormFeedback {
  problems: Record<string, string>;
  values: Record<string, string>;
}

const FEEDBACK = z.strictObject({
  problems: z.record(z.string().max(64), z.string().max(64)),
  values: z.record(z.string().max(64), z.string().max(16_384)),
});

export const FEEDBACK_PARAM = "form";

/** The portal's redirects are local paths of at most this length (safeLocalPath). */
const MAX_PATH = 2048;

/**
 * `path?form=…`: the page shows the problems next to their fields and focuses the summary. What
 * was typed goes along while it fits in a redirect; a longer input keeps only the problems.
 */
export function withFeedback(path: string, feedback: FormFeedback): string {
  const join = path.includes("?") ? "&" : "?";
  const encode = (value: FormFeedback) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const full = `${path}${join}${FEEDBACK_PARAM}=${encode(feedback)}`;
  return full.length <= MAX_PATH
    ? full
    : `${path}${join}${FEEDBACK_PARAM}=${encode({ problems: feedback.problems, values: {} })}`;
}

/** The feedback in a page's search params; anything malformed is ignored (the form shows empty). */
export function readFeedback(value: string | string[] | undefined): FormFeedback | undefined {
  if (typeof value !== "string" || value.length > 40_000) return undefined;
  try {
    const parsed = FEEDBACK.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A short notice after a change went through (`?done=secretRevoked`), as one of the page's known codes. */
export function readNotice<const T extends readonly string[]>(
  value: string | string[] | undefined,
  known: T,
): T[number] | undefined {
  return typeof value === "string" && (known as readonly string[]).includes(value) ? (value as T[number]) : undefined;
}

/** The lines of a textarea, trimmed, empty ones dropped. */
export function lines(value: string | null): string[] {
  return (value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
