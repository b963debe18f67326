/**
 * What a refused My Access form carries across its POST → 303 → GET: the problems by field and
 * what the person typed, so the page shows both. It lives in a cookie of the package page's own
 * path for a few minutes and is read once; it holds only the person's own input (rendered as text).
 */
export const FORM_COOKIE = "gg_myaccess_form";
const MAX_AGE_SECONDS = 300;
/** A cookie stays under the browsers' 4 KB; past this the typed values are left out, the problems kept. */
const MAX_VALUE_BYTES = 3000;

export type FieldProblem =
  | "required"
  | "pattern"
  | "choice"
  | "single"
  | "unknown"
  | "justification"
  | "policy"
  // The requestor's own dates (startDate, endDate; access/custom-schedule.ts).
  | "startPast"
  | "endBeforeStart"
  | "endPastPolicy"
  | "invalidDate"
  | "notAllowed";

export interface FormState {
  policyId: string;
  problems: Record<string, FieldProblem>;
  values: Record<string, string[]>;
  /** A refusal of the whole form (conflict, notAllowed, failed). */
  refusal?: "conflict" | "notAllowed" | "failed";
}

export const packagePagePath = (tenant: string, packageId: string) => `/${tenant}/myaccess/access-packages/${packageId}`;

export function formStateCookie(tenant: string, packageId: string, state: FormState, secure: boolean): string {
  let json = JSON.stringify(state);
  if (Buffer.byteLength(json) > MAX_VALUE_BYTES) json = JSON.stringify({ ...state, values: {} });
  const value = Buffer.from(json).toString("base64url");
  return `${FORM_COOKIE}=${value}; Path=${packagePagePath(tenant, packageId)}; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export const clearedFormStateCookie = (tenant: string, packageId: string) =>
  `${FORM_COOKIE}=; Path=${packagePagePath(tenant, packageId)}; Max-Age=0; HttpOnly; SameSite=Lax`;

const PROBLEMS: readonly string[] = [
  "required",
  "pattern",
  "choice",
  "single",
  "unknown",
  "justification",
  "policy",
  "startPast",
  "endBeforeStart",
  "endPastPolicy",
  "invalidDate",
  "notAllowed",
];

/** The state a cookie holds, or null for none or anything not of its shape. */
export function readFormState(value: string | undefined): FormState | null {
  if (!value || value.length > 8000) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<FormState>;
    if (typeof parsed.policyId !== "string" || typeof parsed.problems !== "object" || typeof parsed.values !== "object")
      return null;
    const problems = Object.fromEntries(
      Object.entries(parsed.problems ?? {}).filter(([, p]) => typeof p === "string" && PROBLEMS.includes(p)),
    ) as Record<string, FieldProblem>;
    const values = Object.fromEntries(
      Object.entries(parsed.values ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x) => typeof x === "string") : []]),
    );
    const refusal = ["conflict", "notAllowed", "failed"].includes(parsed.refusal ?? "") ? parsed.refusal : undefined;
    return { policyId: parsed.policyId, problems, values, ...(refusal ? { refusal } : {}) };
  } catch {
    return null;
  }
}
