import { parseAttributeValue, type AttributeValue, type ProvenIdentity } from "../../directory";
import type { FlowAttribute } from "../user-flows/types";
import type { ConnectorStep } from "./types";

/**
 * Entra's workforce API connector contract (contract §6.1): the flat request of Graph-named claims
 * and the three answers. Receivers written for Entra run unchanged, so names and shapes are Entra's;
 * Guestgate's own additions go only under `guestgate` (§8 rule 7).
 */
export interface ConnectorRequestInput {
  step: ConnectorStep;
  identity: ProvenIdentity;
  /** What the flow knows so far, by Guestgate attribute name. */
  values: Readonly<Record<string, AttributeValue | readonly string[]>>;
  attributes: readonly FlowAttribute[];
  /** `extension_<this>_<name>` for custom attributes (the tenant's extensions app id). */
  extensionsAppId: string;
  uiLocale: string;
  flowName: string;
  clientId: string;
}

const EMAIL_OTP_ISSUER = "urn:guestgate:email-otp";

/** Entra's issuer names for the upstreams it knows; others go as their issuer URL. */
export function entraIssuer(issuer: string): string {
  if (issuer === EMAIL_OTP_ISSUER) return "mail";
  if (/^https:\/\/accounts\.google\.com\/?$/.test(issuer)) return "google.com";
  if (/^https:\/\/(www\.)?facebook\.com\/?$/.test(issuer)) return "facebook.com";
  return issuer;
}

export function connectorRequest(input: ConnectorRequestInput): Record<string, unknown> {
  const { identity } = input;
  const body: Record<string, unknown> = {};
  // e-mail is always sent (Entra does); an upstream without one sends the empty string.
  body.email = identity.email ?? "";
  body.identities = [{ signInType: "federated", issuer: entraIssuer(identity.issuer), issuerAssignedId: identity.subject }];
  for (const attribute of input.attributes) {
    const { name, source } = attribute.definition;
    if (source !== "user") continue;
    const value = input.values[name];
    // A claim without a value is omitted, as Entra does.
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    const claim = claimNameOf(attribute, input.extensionsAppId);
    // Multi-value attributes travel comma-joined (§6.2 notes the same for the newer contract).
    body[claim] = Array.isArray(value) ? value.join(",") : value;
  }
  body.ui_locales = input.uiLocale;
  body.guestgate = { step: input.step, flowId: input.flowName, clientId: input.clientId };
  return body;
}

export type ConnectorAnswer =
  | { action: "continue"; claims: Record<string, unknown> }
  | { action: "block"; userMessage: string }
  | { action: "validationError"; userMessage: string }
  /** Not the contract: the failure path decides (the reason goes to the log and audit, never the page). */
  | { action: "invalid"; reason: string };

const MESSAGE_LIMIT = 1024;

/** Reads an answer case-tolerantly: keys and the action's value in any case, `status` a number or a string. */
export function parseConnectorAnswer(step: ConnectorStep, status: number, json: unknown): ConnectorAnswer {
  if (!json || typeof json !== "object" || Array.isArray(json)) return { action: "invalid", reason: "body is not a JSON object" };
  const fields = new Map(Object.entries(json as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const read = (key: string) => fields.get(key)?.[1];
  const action = typeof read("action") === "string" ? (read("action") as string).toLowerCase() : "";
  const message = read("usermessage");
  const userMessage = typeof message === "string" ? message.trim().slice(0, MESSAGE_LIMIT) : "";

  if (action === "validationerror") {
    if (step !== "postAttributeCollection")
      return { action: "invalid", reason: "ValidationError only at postAttributeCollection" };
    if (status !== 400) return { action: "invalid", reason: `ValidationError with HTTP ${status}, not 400` };
    if (String(read("status") ?? "400") !== "400") return { action: "invalid", reason: "ValidationError status is not 400" };
    if (!userMessage) return { action: "invalid", reason: "ValidationError without userMessage" };
    return { action: "validationError", userMessage };
  }
  if (status !== 200) return { action: "invalid", reason: `HTTP ${status}` };
  if (action === "showblockpage") {
    if (!userMessage) return { action: "invalid", reason: "ShowBlockPage without userMessage" };
    return { action: "block", userMessage };
  }
  if (action === "continue") {
    const claims: Record<string, unknown> = {};
    for (const [, [key, value]] of fields) {
      if (!["version", "action", "usermessage", "status"].includes(key.toLowerCase())) claims[key] = value;
    }
    return { action: "continue", claims };
  }
  return { action: "invalid", reason: action ? `unknown action "${action.slice(0, 40)}"` : "no action" };
}

/**
 * The claims of a Continue answer as Guestgate attribute values: only attributes the flow
 * collects from the person (never e-mail, identities, userType or anything else), matched without
 * case, `extension_<app>_` optional, each coerced to its attribute's type or dropped.
 */
export function claimsToAttributes(
  claims: Record<string, unknown>,
  attributes: readonly FlowAttribute[],
  extensionsAppId: string,
  /** The country national formats (postal codes, phone numbers) are read for. */
  country?: string,
): Record<string, AttributeValue> {
  const byClaim = attributesByClaim(attributes, extensionsAppId);
  const out: Record<string, AttributeValue> = {};
  for (const [claim, raw] of Object.entries(claims)) {
    const attribute = byClaim.get(claim.toLowerCase());
    if (!attribute) continue;
    const value = coerce(attribute, raw, country);
    if (value !== undefined) out[attribute.definition.name] = value;
  }
  return out;
}

/**
 * The flow's person-given attributes by the claim names a hook may use for them (lower case): the
 * attribute's name, and for a custom one also `extension_<app>_<name>`. Nothing else can be named.
 */
export function attributesByClaim(attributes: readonly FlowAttribute[], extensionsAppId: string): Map<string, FlowAttribute> {
  const byClaim = new Map<string, FlowAttribute>();
  for (const attribute of attributes) {
    const { name, kind, source } = attribute.definition;
    if (source !== "user") continue;
    byClaim.set(name.toLowerCase(), attribute);
    if (kind === "custom") byClaim.set(`extension_${extensionsAppId}_${name}`.toLowerCase(), attribute);
  }
  return byClaim;
}

/** An attribute's claim name in a hook's request: `extension_<app>_<name>` for a custom one. */
export function claimNameOf(attribute: FlowAttribute, extensionsAppId: string): string {
  const { name, kind } = attribute.definition;
  return kind === "custom" ? `extension_${extensionsAppId}_${name}` : name;
}

/**
 * The same rules as the form (length, pattern, format, options): a connector cannot store what the
 * person could not have typed. Multi-value claims may come comma-joined or as an array.
 */
function coerce({ definition }: FlowAttribute, raw: unknown, country: string | undefined): AttributeValue | undefined {
  const input =
    definition.type === "multipleChoice" && typeof raw === "string"
      ? raw
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean)
      : raw;
  if (input !== null && typeof input === "object" && !Array.isArray(input)) return undefined;
  const parsed = parseAttributeValue(definition, input, false, country ? { country } : {});
  return parsed.ok && parsed.value !== null ? parsed.value : undefined;
}
