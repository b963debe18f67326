import type { AttributeValue, ProvenIdentity } from "../../directory";
import { claimsToAttributes } from "../api-connectors/contract";
import type { Hook, HookContext, JourneyHooks } from "../engine/hooks";
import type { UiMessage } from "../engine/types";
import type { PasscodeDelivery } from "../otp";
import type { UserFlow } from "../user-flows/types";
import { attributesFor } from "../user-flows/visible-attributes";
import { runExtension, type ExtensionCallPorts } from "./call";
import { attributeNamed, signUpInfo, withMatchingTypes } from "./contract";
import type { CustomExtensionRow, FlowExtensionEvent } from "./types";

export interface ExtensionHookPorts extends ExtensionCallPorts {
  /** The flow the journey runs (its `customAuthenticationExtensions` and attributes). */
  flow(tenantId: string, clientId: string): Promise<UserFlow | null>;
  extension(tenantId: string, id: string): Promise<CustomExtensionRow | null>;
  /** The tenant's GUID: Entra's `tenantId` in the envelope. */
  tenantGuid(tenantId: string): string;
  /** `extension_<this>_<name>` for custom attributes (the tenant's extensions app id). */
  extensionsAppId(tenantId: string): string;
  applicationName?(tenantId: string, clientId: string): Promise<string | undefined>;
}

const UNAVAILABLE: UiMessage = { id: "journey.apiConnector.unavailable" };
const BLOCKED: UiMessage = { id: "journey.customExtension.blocked" };
const said = (message: string): UiMessage => ({ id: "journey.apiConnector.message", context: { message } });
const graphFlowId = (name: string) => `B2X_1_${name}`;

/**
 * Entra's external-tenant attribute events on the engine's hook points, on sign-up only (as
 * Entra's): OnAttributeCollectionStart when the attribute page is about to show for someone new
 * (setPrefillValues pre-fills, showBlockPage ends the journey), OnAttributeCollectionSubmit when the
 * form passed the flow's own validation, before the guest exists (modifyAttributeValues changes
 * values, showValidationError keeps the form with messages per attribute, showBlockPage ends it).
 * Only attributes the flow collects can be pre-filled or changed, with the form's own rules.
 */
export function customExtensionHooks(ports: ExtensionHookPorts): JourneyHooks {
  const onStart: Hook<"onAttributeCollectionStart"> = async (input, context) => {
    if (context.kind !== "signup" || input.guest || !input.identity) return { action: "continue" };
    const run = await attributeEvent(ports, "onAttributeCollectionStart", context, input.identity, input.prefill);
    if (!run) return { action: "continue" };
    const { answer, flow, attributes, extensionsAppId, row } = run;
    if (answer.action === "prefill") {
      const country =
        typeof input.prefill.country === "string" && input.prefill.country ? input.prefill.country : flow.defaultCountry;
      const typed = withMatchingTypes(answer.inputs, attributes, extensionsAppId);
      const values = claimsToAttributes(typed, attributes, extensionsAppId, country);
      return Object.keys(values).length ? { action: "modify", prefill: formValues(values) } : { action: "continue" };
    }
    if (answer.action === "block") return { action: "block", message: blockMessage(answer) };
    if (answer.action === "continue") return { action: "continue" };
    return failurePath(row);
  };

  const onSubmit: Hook<"onAttributeSubmit"> = async (input, context) => {
    if (context.kind !== "signup" || input.guest || !input.identity) return { action: "continue" };
    const run = await attributeEvent(ports, "onAttributeCollectionSubmit", context, input.identity, input.values);
    if (!run) return { action: "continue" };
    const { answer, flow, attributes, extensionsAppId, row } = run;
    switch (answer.action) {
      case "continue":
        return { action: "continue" };
      case "modify": {
        const country =
          typeof input.values.country === "string" && input.values.country ? input.values.country : flow.defaultCountry;
        const typed = withMatchingTypes(answer.attributes, attributes, extensionsAppId);
        const values = claimsToAttributes(typed, attributes, extensionsAppId, country);
        return Object.keys(values).length ? { action: "modify", attributes: values } : { action: "continue" };
      }
      case "block":
        return { action: "refuse", message: blockMessage(answer) };
      case "validationError": {
        // Errors on attributes the form does not show go with the general message.
        const fieldErrors: Record<string, UiMessage> = {};
        for (const [key, message] of Object.entries(answer.attributeErrors)) {
          const name = attributeNamed(key, attributes, extensionsAppId);
          if (name) fieldErrors[name] = said(message);
        }
        const message = answer.message ? said(answer.message) : { id: "journey.attributes.fixErrors" as const };
        return { action: "block", message, fieldErrors };
      }
      default:
        return failurePath(row, true);
    }
  };
  return { onAttributeCollectionStart: [onStart], onAttributeSubmit: [onSubmit] };
}

function failurePath(
  row: CustomExtensionRow | null,
  submitted = false,
): { action: "continue" } | { action: "block" | "refuse"; message: UiMessage } {
  // A failing extension never shows its own error: the configured path, in our words.
  if (row?.onFailure === "continue") return { action: "continue" };
  return { action: submitted ? "refuse" : "block", message: UNAVAILABLE };
}

function blockMessage(answer: { title?: string; message?: string }): UiMessage {
  if (!answer.message && !answer.title) return BLOCKED;
  return said([answer.title, answer.message].filter(Boolean).join(" — "));
}

async function attributeEvent(
  ports: ExtensionHookPorts,
  event: FlowExtensionEvent,
  context: HookContext,
  identity: ProvenIdentity,
  values: Readonly<Record<string, AttributeValue | readonly string[]>>,
) {
  const flow = await ports.flow(context.tenantId, context.clientId);
  const id = flow?.customAuthenticationExtensions?.[event];
  if (!flow || !id) return undefined;
  const row = await ports.extension(context.tenantId, id);
  const attributes = attributesFor(flow, { appId: context.clientId });
  const extensionsAppId = ports.extensionsAppId(context.tenantId);
  const answer = await runExtension(ports, {
    tenantId: context.tenantId,
    extensionId: id,
    row,
    event,
    attachedTo: graphFlowId(flow.name),
    envelope: await envelopeContext(ports, context, graphFlowId(flow.name)),
    data: { userSignUpInfo: signUpInfo(identity, attributes, values, extensionsAppId, context.tenantId) },
  });
  return { answer, flow, attributes, extensionsAppId, row };
}

async function envelopeContext(ports: ExtensionHookPorts, context: Omit<HookContext, "point">, listenerId: string) {
  return {
    tenantGuid: ports.tenantGuid(context.tenantId),
    listenerId,
    correlationId: context.journeyId,
    clientId: context.clientId,
    applicationName: (await ports.applicationName?.(context.tenantId, context.clientId)) ?? context.clientId,
    clientIp: context.client ?? "",
    locale: context.locale,
  };
}

/**
 * OnOtpSend: the flow's extension sends the passcode itself (Entra's contract: it gets the address
 * and the code, and answers continueWithDefaultBehavior once it sent it). On failure, "continue"
 * falls back to Guestgate's own e-mail (Entra's fallbackToMicrosoftProviderOnError); "block" makes
 * the send fail, and the page says the code could not be sent. Every passcode the flow sends goes
 * this way, sign-in included: the extension is the delivery channel, not a sign-up decision.
 */
export function customPasscodeDelivery(ports: ExtensionHookPorts) {
  return async (context: Omit<HookContext, "point">, delivery: PasscodeDelivery): Promise<"sent" | "mail"> => {
    const flow = await ports.flow(context.tenantId, context.clientId);
    const id = flow?.customAuthenticationExtensions?.onOtpSend;
    if (!flow || !id) return "mail";
    const row = await ports.extension(context.tenantId, id);
    const answer = await runExtension(ports, {
      tenantId: context.tenantId,
      extensionId: id,
      row,
      event: "onOtpSend",
      attachedTo: graphFlowId(flow.name),
      envelope: await envelopeContext(ports, context, graphFlowId(flow.name)),
      data: { otpContext: { identifier: delivery.to, oneTimeCode: delivery.code } },
    });
    if (answer.action === "continue") return "sent";
    if (row?.onFailure === "continue") return "mail";
    throw new Error("the OnOtpSend extension did not send the passcode");
  };
}

function formValues(values: Record<string, AttributeValue>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, Array.isArray(value) ? [...value] : String(value)]),
  );
}
