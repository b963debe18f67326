import { adminAction, type AdminActionInput, type AdminActionResult } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import { extensionRefusal } from "./refusal";

export type Kind = "api-connectors" | "custom-extensions";

/**
 * A POST of the extensions section: `extensions.write` (a reader gets the 403 page), then the
 * handler calls one service verb with the administrator as actor, which checks and audits. A
 * refusal goes back to `back` as feedback on its field; another tenant's id, or none, is a 404.
 */
export function extensionAction<P extends Record<string, string>>(
  handle: (input: AdminActionInput<P> & { base: string }) => Promise<AdminActionResult>,
  back: (input: AdminActionInput<P> & { base: string }) => string,
  options: { recent?: boolean; values?: (form: URLSearchParams) => Record<string, string> } = {},
) {
  return adminAction<P>(
    "extensions.write",
    async (input) => {
      const withBase = { ...input, base: `/${input.tenant.slug}/admin/extensions` };
      try {
        return await handle(withBase);
      } catch (error) {
        const refusal = extensionRefusal(error);
        if (!refusal) throw error;
        if (refusal.code !== "invalid") return new Response(null, { status: refusal.code === "notFound" ? 404 : 403 });
        return {
          redirect: withFeedback(back(withBase), {
            problems: { [refusal.field]: "invalid" },
            values: options.values?.(input.form) ?? {},
          }),
        };
      }
    },
    options.recent ? { recent: true } : {},
  );
}

/** The values a failed form comes back with: what was typed, never a password or a certificate. */
export function typedValues(form: URLSearchParams): Record<string, string> {
  const kept = [
    "eventType",
    "displayName",
    "description",
    "targetUrl",
    "resourceId",
    "authType",
    "username",
    "timeoutMs",
    "maxRetries",
    "onFailure",
    "tokenClaims",
  ];
  return Object.fromEntries(kept.flatMap((name) => (form.has(name) ? [[name, form.get(name)!.slice(0, 4000)]] : [])));
}
