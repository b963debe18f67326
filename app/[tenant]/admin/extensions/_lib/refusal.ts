/** The editor's fields a service refusal can be about. */
export const EXTENSION_FIELDS = [
  "displayName",
  "description",
  "targetUrl",
  "authentication",
  "resourceId",
  "timeoutMs",
  "maxRetries",
  "tokenClaims",
  "eventType",
  "inUse",
] as const;
export type ExtensionField = (typeof EXTENSION_FIELDS)[number];

/**
 * The services refuse with Graph's English sentences, which name the property first; the portal
 * points the problem at its field and says it in the administrator's language.
 */
const BY_PROPERTY: [RegExp, ExtensionField][] = [
  [/^displayName/, "displayName"],
  [/^description/, "description"],
  [/^targetUrl/, "targetUrl"],
  [/^(username|password|pkcs12Value)/, "authentication"],
  [/resourceId/, "resourceId"],
  [/^timeoutInMilliseconds/, "timeoutMs"],
  [/^maximumRetries/, "maxRetries"],
  [/^claimsForTokenConfiguration/, "tokenClaims"],
  [/@odata\.type|custom extension type/, "eventType"],
  [/still uses this custom extension/, "inUse"],
];

export type Refusal = { code: "notFound" | "forbidden" } | { code: "invalid"; field: ExtensionField };

/** A connector or extension service refusal, or undefined for anything else (which is a bug: thrown on). */
export function extensionRefusal(error: unknown): Refusal | undefined {
  // By name, not instanceof: the registry may have been built by another bundle of the same classes.
  if (!(error instanceof Error) || (error.name !== "ApiConnectorError" && error.name !== "CustomExtensionError"))
    return undefined;
  const code = (error as Error & { code?: unknown }).code;
  if (code === "notFound" || code === "forbidden") return { code };
  if (code !== "invalid") return undefined;
  const field = BY_PROPERTY.find(([pattern]) => pattern.test(error.message))?.[1] ?? "displayName";
  return { code: "invalid", field };
}
