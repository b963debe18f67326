import { z } from "zod";
import { EXTENSION_EVENTS, type CustomExtensionInput } from "../../../../_lib/journeys";
import { lines } from "../../_lib/form-feedback";
import type { ExtensionField } from "./refusal";

const FORM = z.strictObject({
  eventType: z.enum(EXTENSION_EVENTS).optional(),
  displayName: z.string().max(200).default(""),
  description: z.string().max(2000).default(""),
  targetUrl: z.string().max(2048).default(""),
  resourceId: z.string().max(300).default(""),
  timeoutMs: z.coerce.number().int().min(0).max(100_000).default(1000),
  maxRetries: z.enum(["0", "1"]).default("0"),
  onFailure: z.enum(["block", "continue"]).default("block"),
  tokenClaims: z.string().max(10_000).default(""),
  returnTo: z.string().max(2048).optional(),
});

export type ExtensionForm =
  | { ok: true; input: CustomExtensionInput; values: Record<string, string> }
  | { ok: false; field: ExtensionField; values: Record<string, string> };

/** The extension editor's form as the service's input; the event type is chosen once, at creation. */
export function readExtensionForm(form: URLSearchParams, creating: boolean): ExtensionForm {
  const raw = Object.fromEntries(form);
  const values = Object.fromEntries(
    [
      "eventType",
      "displayName",
      "description",
      "targetUrl",
      "resourceId",
      "timeoutMs",
      "maxRetries",
      "onFailure",
      "tokenClaims",
    ].map((name) => [name, raw[name] ?? ""]),
  );
  const parsed = FORM.safeParse(raw);
  if (!parsed.success || (creating && !parsed.data.eventType)) {
    const path = parsed.success ? "eventType" : String(parsed.error.issues[0]?.path[0] ?? "displayName");
    return { ok: false, field: (path === "returnTo" ? "displayName" : path) as ExtensionField, values };
  }
  const f = parsed.data;
  const eventType = creating ? f.eventType : undefined;
  const input: CustomExtensionInput = {
    ...(eventType ? { eventType } : {}),
    displayName: f.displayName,
    description: f.description.trim(),
    targetUrl: f.targetUrl.trim(),
    resourceId: f.resourceId.trim(),
    timeoutMs: f.timeoutMs,
    maxRetries: Number(f.maxRetries),
    onFailure: f.onFailure,
  };
  // Token configuration belongs to token issuance only: an edit form shows the field for it alone
  // (where clearing it counts), a new one for every event (where empty means "not set").
  const claims = lines(f.tokenClaims);
  if (form.has("tokenClaims") && (claims.length > 0 || !creating)) input.tokenClaims = claims;
  return { ok: true, input, values };
}
