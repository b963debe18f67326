import { z } from "zod";
import type { ApiConnectorInput, ApiConnectorView } from "../../../../_lib/journeys";
import type { ExtensionField } from "./refusal";

/** The connector editor's fields as posted; the service checks the values themselves. */
const FORM = z.strictObject({
  displayName: z.string().max(200).default(""),
  targetUrl: z.string().max(2048).default(""),
  authType: z.enum(["none", "basic", "certificate"]).default("none"),
  username: z.string().max(300).default(""),
  password: z.string().max(300).default(""),
  pkcs12: z
    .string()
    .max(64 * 1024)
    .default(""),
  certificatePassword: z.string().max(300).default(""),
  timeoutMs: z.coerce.number().int().min(0).max(100_000).default(1000),
  maxRetries: z.enum(["0", "1"]).default("0"),
  onFailure: z.enum(["block", "continue"]).default("block"),
  returnTo: z.string().max(2048).optional(),
});

export type ConnectorForm =
  | { ok: true; input: ApiConnectorInput; values: Record<string, string> }
  | { ok: false; field: ExtensionField; values: Record<string, string> };

/**
 * The posted form as the service's input. A password or PKCS#12 bundle left empty keeps the stored
 * one (they are write-only: never shown, never echoed back in the feedback values).
 */
export function readConnectorForm(form: URLSearchParams, current?: ApiConnectorView): ConnectorForm {
  const parsed = FORM.safeParse(Object.fromEntries(form));
  const raw = Object.fromEntries(form);
  const values = {
    displayName: raw.displayName ?? "",
    targetUrl: raw.targetUrl ?? "",
    authType: raw.authType ?? "",
    username: raw.username ?? "",
    timeoutMs: raw.timeoutMs ?? "",
    maxRetries: raw.maxRetries ?? "",
    onFailure: raw.onFailure ?? "",
  };
  if (!parsed.success) {
    const path = String(parsed.error.issues[0]?.path[0] ?? "displayName");
    const field: ExtensionField = ["timeoutMs", "maxRetries", "targetUrl", "displayName"].includes(path)
      ? (path as ExtensionField)
      : "authentication";
    return { ok: false, field, values };
  }
  const f = parsed.data;
  const input: ApiConnectorInput = {
    displayName: f.displayName,
    targetUrl: f.targetUrl.trim(),
    timeoutMs: f.timeoutMs,
    maxRetries: Number(f.maxRetries),
    onFailure: f.onFailure,
  };
  if (f.authType === "basic") {
    const keep = current?.authType === "basic" && !f.password;
    // The same username with no new password keeps the sealed one; anything else needs it again.
    if (!keep) input.authentication = { type: "basic", username: f.username.trim(), password: f.password };
    else if (f.username.trim() !== current.username) return { ok: false, field: "authentication", values };
  } else if (f.authType === "certificate") {
    const keep = current?.authType === "certificate" && !f.pkcs12;
    if (!keep)
      input.authentication = { type: "certificate", pkcs12: f.pkcs12.replace(/\s+/g, ""), password: f.certificatePassword };
  } else if (current && current.authType !== "none") {
    // Graph has no way to remove a connector's authentication either: register a new connector.
    return { ok: false, field: "authentication", values };
  }
  return { ok: true, input, values };
}
