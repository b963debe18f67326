import type { AttributeValue, ProvenIdentity } from "../../directory";
import type { FlowAttribute } from "../user-flows/types";
import { attributesByClaim, claimNameOf, entraIssuer } from "../api-connectors/contract";
import { MAX_TOKEN_CLAIMS_BYTES, type ExtensionEvent } from "./types";

/*
 * Entra's external-tenant custom authentication extension contract (graph-contracts §6.2): the
 * event envelope Guestgate posts and the one-action answers it reads. Names and shapes are Entra's,
 * so an Azure Function written for Entra runs unchanged; keys are read case-insensitively and
 * `@odata.type` values without case or a leading `#`, as the documentation's own samples vary.
 */

const EVENT_TYPES: Record<ExtensionEvent, { type: string; data: string; response: string; action: string }> = {
  onAttributeCollectionStart: {
    type: "microsoft.graph.authenticationEvent.attributeCollectionStart",
    data: "microsoft.graph.onAttributeCollectionStartCalloutData",
    response: "microsoft.graph.onAttributeCollectionStartResponseData",
    action: "microsoft.graph.attributeCollectionStart.",
  },
  onAttributeCollectionSubmit: {
    type: "microsoft.graph.authenticationEvent.attributeCollectionSubmit",
    data: "microsoft.graph.onAttributeCollectionSubmitCalloutData",
    response: "microsoft.graph.onAttributeCollectionSubmitResponseData",
    action: "microsoft.graph.attributeCollectionSubmit.",
  },
  onOtpSend: {
    type: "microsoft.graph.authenticationEvent.emailOtpSend",
    data: "microsoft.graph.onOtpSendCalloutData",
    response: "microsoft.graph.OnOtpSendResponseData",
    action: "microsoft.graph.OtpSend.",
  },
  onTokenIssuanceStart: {
    type: "microsoft.graph.authenticationEvent.tokenIssuanceStart",
    data: "microsoft.graph.onTokenIssuanceStartCalloutData",
    response: "microsoft.graph.onTokenIssuanceStartResponseData",
    action: "microsoft.graph.tokenIssuanceStart.",
  },
};

/** Who and where, the same for every event (`data.authenticationContext`). */
export interface EnvelopeContext {
  event: ExtensionEvent;
  /** The tenant's GUID (Entra's `tenantId`), not its slug. */
  tenantGuid: string;
  extensionId: string;
  /** The listener's id, or for a flow-attached extension the flow's Graph id (B2X_1_…). */
  listenerId: string;
  correlationId: string;
  clientId: string;
  applicationName: string;
  clientIp: string;
  locale: string;
}

export function envelope(context: EnvelopeContext, data: Record<string, unknown>): Record<string, unknown> {
  const types = EVENT_TYPES[context.event];
  const principal = {
    id: context.clientId,
    appId: context.clientId,
    appDisplayName: context.applicationName,
    displayName: context.applicationName,
  };
  return {
    type: types.type,
    source: `/tenants/${context.tenantGuid}/applications/${context.clientId}`,
    data: {
      "@odata.type": types.data,
      tenantId: context.tenantGuid,
      authenticationEventListenerId: context.listenerId,
      customAuthenticationExtensionId: context.extensionId,
      authenticationContext: {
        correlationId: context.correlationId,
        client: { ip: context.clientIp, locale: context.locale.toLowerCase(), market: context.locale.toLowerCase() },
        protocol: "OAUTH2.0",
        clientServicePrincipal: principal,
        resourceServicePrincipal: principal,
        ...(data.user ? { user: data.user } : {}),
      },
      ...Object.fromEntries(Object.entries(data).filter(([key]) => key !== "user")),
    },
  };
}

const EMAIL_OTP_ISSUER = "urn:guestgate:email-otp";

/**
 * `userSignUpInfo`: the attributes the flow collects that have a value, typed as directory
 * attribute values, and the identity the person proved. The user does not exist yet.
 */
export function signUpInfo(
  identity: ProvenIdentity,
  attributes: readonly FlowAttribute[],
  values: Readonly<Record<string, AttributeValue | readonly string[]>>,
  extensionsAppId: string,
  tenantDomain: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const { name, kind, source, type } = attribute.definition;
    if (source !== "user") continue;
    const value = values[name];
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    const typed =
      type === "integer" && typeof value === "number"
        ? { "@odata.type": "microsoft.graph.int64DirectoryAttributeValue", value }
        : type === "boolean" && typeof value === "boolean"
          ? { "@odata.type": "microsoft.graph.booleanDirectoryAttributeValue", value }
          : // Multi-value attributes travel comma-joined, as Entra sends them.
            {
              "@odata.type": "microsoft.graph.stringDirectoryAttributeValue",
              value: Array.isArray(value) ? value.join(",") : String(value),
            };
    out[claimNameOf(attribute, extensionsAppId)] = {
      ...typed,
      attributeType: kind === "custom" ? "directorySchemaExtension" : "builtIn",
    };
  }
  const passcode = identity.issuer === EMAIL_OTP_ISSUER;
  return {
    attributes: out,
    identities: [
      passcode
        ? { signInType: "email", issuer: tenantDomain, issuerAssignedId: identity.email ?? identity.subject }
        : { signInType: "federated", issuer: entraIssuer(identity.issuer), issuerAssignedId: identity.subject },
    ],
  };
}

export type ExtensionAnswer =
  | { action: "continue" }
  | { action: "prefill"; inputs: Record<string, unknown> }
  | { action: "modify"; attributes: Record<string, unknown> }
  | { action: "block"; title?: string; message?: string }
  | { action: "validationError"; message?: string; attributeErrors: Record<string, string> }
  | { action: "claims"; claims: Record<string, string | string[]> }
  /** Not the contract: the failure path decides (the reason is logged and audited, never shown). */
  | { action: "invalid"; reason: string };

const ACTIONS: Record<ExtensionEvent, readonly string[]> = {
  onAttributeCollectionStart: ["continueWithDefaultBehavior", "setPrefillValues", "showBlockPage"],
  onAttributeCollectionSubmit: ["continueWithDefaultBehavior", "modifyAttributeValues", "showBlockPage", "showValidationError"],
  onOtpSend: ["continueWithDefaultBehavior"],
  onTokenIssuanceStart: ["provideClaimsForToken"],
};

const TEXT_LIMIT = 1024;
const odataType = (value: unknown) => (typeof value === "string" ? value.replace(/^#/, "").toLowerCase() : "");

/** An object's keys without case (the first of two spellings wins). */
function fieldsOf(value: unknown): Map<string, unknown> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const fields = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>))
    if (!fields.has(key.toLowerCase())) fields.set(key.toLowerCase(), v);
  return fields;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() ? value.trim().slice(0, TEXT_LIMIT) : undefined;

/**
 * Reads an answer: HTTP 200, `data` of the event's response type, exactly one action of the
 * event's kinds (Entra's 1003002, 1003010, 1003012 when not). Values are checked where they are used.
 */
export function parseExtensionAnswer(event: ExtensionEvent, status: number, json: unknown): ExtensionAnswer {
  if (status !== 200) return { action: "invalid", reason: `HTTP ${status}` };
  const data = fieldsOf(fieldsOf(json)?.get("data"));
  if (!data) return { action: "invalid", reason: "no data object" };
  const types = EVENT_TYPES[event];
  if (odataType(data.get("@odata.type")) !== types.response.toLowerCase())
    return { action: "invalid", reason: `data is not ${types.response}` };
  const actions = data.get("actions");
  if (!Array.isArray(actions) || actions.length !== 1)
    return { action: "invalid", reason: `${Array.isArray(actions) ? actions.length : "no"} actions, not one` };
  const action = fieldsOf(actions[0]);
  const type = odataType(action?.get("@odata.type"));
  const name = ACTIONS[event].find((a) => `${types.action}${a}`.toLowerCase() === type);
  if (!action || !name) return { action: "invalid", reason: `unknown action "${type.slice(0, 80)}"` };

  switch (name) {
    case "continueWithDefaultBehavior":
      return { action: "continue" };
    case "setPrefillValues": {
      const inputs = action.get("inputs");
      if (!fieldsOf(inputs)) return { action: "invalid", reason: "setPrefillValues without inputs" };
      return { action: "prefill", inputs: inputs as Record<string, unknown> };
    }
    case "modifyAttributeValues": {
      const attributes = action.get("attributes");
      if (!fieldsOf(attributes)) return { action: "invalid", reason: "modifyAttributeValues without attributes" };
      return { action: "modify", attributes: attributes as Record<string, unknown> };
    }
    case "showBlockPage": {
      const title = text(action.get("title"));
      const message = text(action.get("message"));
      return { action: "block", ...(title ? { title } : {}), ...(message ? { message } : {}) };
    }
    case "showValidationError": {
      const attributeErrors: Record<string, string> = {};
      const given = fieldsOf(action.get("attributeerrors")) ? (action.get("attributeerrors") as Record<string, unknown>) : {};
      for (const [key, value] of Object.entries(given)) {
        const said = text(value);
        if (said) attributeErrors[key] = said;
      }
      const message = text(action.get("message"));
      if (!message && !Object.keys(attributeErrors).length)
        return { action: "invalid", reason: "showValidationError without message or attributeErrors" };
      return { action: "validationError", ...(message ? { message } : {}), attributeErrors };
    }
    default:
      return tokenClaims(action.get("claims"));
  }
}

/** provideClaimsForToken: strings or string arrays only, 3 KB at most in all (Entra's 1003025). */
function tokenClaims(raw: unknown): ExtensionAnswer {
  if (!fieldsOf(raw)) return { action: "invalid", reason: "provideClaimsForToken without claims" };
  const claims: Record<string, string | string[]> = {};
  let size = 0;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === "string") claims[id] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) claims[id] = value as string[];
    else return { action: "invalid", reason: `claim "${id.slice(0, 40)}" is not a string or a string array` };
    size += Buffer.byteLength(id) + Buffer.byteLength(JSON.stringify(value));
  }
  if (size > MAX_TOKEN_CLAIMS_BYTES) return { action: "invalid", reason: `claims larger than ${MAX_TOKEN_CLAIMS_BYTES} bytes` };
  return { action: "claims", claims };
}

/** The flow attribute a key of an answer names (its name, or `extension_<app>_<name>`, any case), if any. */
export function attributeNamed(key: string, attributes: readonly FlowAttribute[], extensionsAppId: string): string | undefined {
  return attributesByClaim(attributes, extensionsAppId).get(key.toLowerCase())?.definition.name;
}

/**
 * The entries of setPrefillValues / modifyAttributeValues whose JSON type is the attribute's
 * (contract §6.2: "types must match the request"): a string for text and choices (comma-joined or
 * an array for several), a number for an integer, a Boolean for a Boolean. Others are dropped.
 */
export function withMatchingTypes(
  values: Record<string, unknown>,
  attributes: readonly FlowAttribute[],
  extensionsAppId: string,
): Record<string, unknown> {
  const byClaim = attributesByClaim(attributes, extensionsAppId);
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => {
      const type = byClaim.get(key.toLowerCase())?.definition.type;
      if (type === "integer") return typeof value === "number";
      if (type === "boolean") return typeof value === "boolean";
      if (type === "multipleChoice")
        return typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
      return type !== undefined && typeof value === "string";
    }),
  );
}
