import type { Actor, AttributeValue, AuditLog, ProvenIdentity } from "../../directory";
import type { Hook, HookContext, JourneyHooks } from "../engine/hooks";
import type { UiMessage } from "../engine/types";
import type { UserFlow } from "../user-flows/types";
import { attributesFor } from "../user-flows/visible-attributes";
import { callConnector, type CallResult } from "./call";
import { claimsToAttributes, connectorRequest, parseConnectorAnswer, type ConnectorAnswer } from "./contract";
import type { ApiConnectorRow, ConnectorSecret, ConnectorStep } from "./types";

export interface ConnectorHookPorts {
  /** The flow the journey runs (its `apiConnectors` and attributes). */
  flow(tenantId: string, clientId: string): Promise<UserFlow | null>;
  connector(tenantId: string, id: string): Promise<ApiConnectorRow | null>;
  openSecret(row: ApiConnectorRow): ConnectorSecret;
  extensionsAppId(tenantId: string): string;
  /** Whether `http://` to a loopback address is allowed (development and tests only). */
  allowLoopbackHttp: boolean;
  audit: AuditLog;
  log(level: "info" | "warn", message: string, fields: Record<string, unknown>): void;
  /** Extra trust anchors for connectors' TLS certificates (tests with a private CA). */
  ca?: string | Buffer;
}

/** Connectors act for no one who exists yet: the audit names them as the system. */
const CONNECTOR_ACTOR: Actor = { type: "system", name: "apiConnector" };

/**
 * Entra's two workforce connector steps on the engine's hook points, for sign-up only (never on
 * sign-in, progressive profiling, redemption or profile edits, as in Entra):
 * postFederationSignup when the attribute page is about to show for someone new (Continue
 * pre-fills), postAttributeCollection when the form passed validation, before the guest exists
 * (Continue overwrites; ValidationError keeps the form; ShowBlockPage ends the journey).
 */
export function apiConnectorHooks(ports: ConnectorHookPorts): JourneyHooks {
  const onStart: Hook<"onAttributeCollectionStart"> = async (input, context) => {
    if (context.kind !== "signup" || input.guest || !input.identity) return { action: "continue" };
    const run = await runStep(ports, "postFederationSignup", context, input.identity, input.prefill);
    if (run.type === "none") return { action: "continue" };
    // ValidationError is refused at this step by the parser, so "stay" cannot come back here.
    if (run.type === "block" || run.type === "stay") return { action: "block", message: run.message };
    if (run.type === "continue") return { action: "continue" };
    return { action: "modify", prefill: formValues(run.attributes) };
  };
  const onSubmit: Hook<"onAttributeSubmit"> = async (input, context) => {
    if (context.kind !== "signup" || input.guest || !input.identity) return { action: "continue" };
    const run = await runStep(ports, "postAttributeCollection", context, input.identity, input.values);
    if (run.type === "none" || run.type === "continue") return { action: "continue" };
    if (run.type === "block") return { action: "refuse", message: run.message };
    if (run.type === "stay") return { action: "block", message: run.message };
    return { action: "modify", attributes: run.attributes };
  };
  return { onAttributeCollectionStart: [onStart], onAttributeSubmit: [onSubmit] };
}

type StepRun =
  | { type: "none" }
  | { type: "continue" }
  | { type: "modify"; attributes: Record<string, AttributeValue> }
  | { type: "block"; message: UiMessage }
  | { type: "stay"; message: UiMessage };

const UNAVAILABLE: UiMessage = { id: "journey.apiConnector.unavailable" };
const said = (userMessage: string): UiMessage => ({ id: "journey.apiConnector.message", context: { message: userMessage } });

async function runStep(
  ports: ConnectorHookPorts,
  step: ConnectorStep,
  context: HookContext,
  identity: ProvenIdentity,
  values: Readonly<Record<string, AttributeValue | readonly string[]>>,
): Promise<StepRun> {
  const flow = await ports.flow(context.tenantId, context.clientId);
  const id = flow?.apiConnectors?.[step];
  if (!flow || !id) return { type: "none" };
  const connector = await ports.connector(context.tenantId, id);
  const attributes = attributesFor(flow, { appId: context.clientId });
  const extensionsAppId = ports.extensionsAppId(context.tenantId);

  let result: CallResult;
  if (!connector) result = { ok: false, reason: "connector not found", durationMs: 0, attempts: 0 };
  else if (!targetAllowed(connector.targetUrl, ports.allowLoopbackHttp))
    result = { ok: false, reason: "target URL is not https", durationMs: 0, attempts: 0 };
  else {
    let secret: ConnectorSecret;
    try {
      secret = ports.openSecret(connector);
    } catch {
      secret = { type: "none" };
      result = { ok: false, reason: "secret cannot be opened", durationMs: 0, attempts: 0 };
    }
    result ??= await callConnector({
      targetUrl: connector.targetUrl,
      username: connector.username,
      secret,
      timeoutMs: connector.timeoutMs,
      maxRetries: connector.maxRetries,
      body: connectorRequest({
        step,
        identity,
        values,
        attributes,
        extensionsAppId,
        uiLocale: context.locale,
        flowName: flow.name,
        clientId: context.clientId,
      }),
      ...(ports.ca ? { ca: ports.ca } : {}),
    });
  }
  const answer: ConnectorAnswer = result.ok
    ? parseConnectorAnswer(step, result.status, result.json)
    : { action: "invalid", reason: result.reason };
  await record(ports, step, context, id, result, answer);

  switch (answer.action) {
    case "continue": {
      const country = typeof values.country === "string" && values.country ? values.country : flow.defaultCountry;
      const changed = claimsToAttributes(answer.claims, attributes, extensionsAppId, country);
      return Object.keys(changed).length ? { type: "modify", attributes: changed } : { type: "continue" };
    }
    case "block":
      return { type: "block", message: said(answer.userMessage) };
    case "validationError":
      return { type: "stay", message: said(answer.userMessage) };
    default:
      // A connector that fails never shows its own error: the configured path, with our words.
      return (connector?.onFailure ?? "block") === "continue" ? { type: "continue" } : { type: "block", message: UNAVAILABLE };
  }
}

export function targetAllowed(targetUrl: string, allowLoopbackHttp: boolean): boolean {
  try {
    const url = new URL(targetUrl);
    if (url.protocol === "https:") return true;
    return allowLoopbackHttp && url.protocol === "http:" && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** One audit event and one log line per call, correlated by the journey id; no values, only names and reasons. */
async function record(
  ports: ConnectorHookPorts,
  step: ConnectorStep,
  context: HookContext,
  connectorId: string,
  result: CallResult,
  answer: ConnectorAnswer,
): Promise<void> {
  const outcome = answer.action === "invalid" ? "failed" : answer.action;
  const fields = {
    tenantId: context.tenantId,
    correlationId: context.journeyId,
    connectorId,
    step,
    outcome,
    durationMs: result.durationMs,
    attempts: result.attempts,
    ...(result.ok ? { httpStatus: result.status } : result.httpStatus ? { httpStatus: result.httpStatus } : {}),
    ...(answer.action === "invalid" ? { reason: answer.reason } : {}),
  };
  ports.log(answer.action === "invalid" ? "warn" : "info", `API connector ${step}: ${outcome}`, fields);
  try {
    await ports.audit.append({
      tenantId: context.tenantId,
      type: answer.action === "invalid" ? "apiConnector.failed" : "apiConnector.called",
      actor: CONNECTOR_ACTOR,
      target: { type: "apiConnector", id: connectorId },
      correlationId: context.journeyId,
      data: {
        step,
        outcome,
        flow: context.flowName,
        durationMs: result.durationMs,
        attempts: result.attempts,
        ...(fields.httpStatus ? { httpStatus: fields.httpStatus } : {}),
        ...(answer.action === "invalid" ? { reason: answer.reason } : {}),
        ...(answer.action === "continue" ? { claims: Object.keys(answer.claims).sort().slice(0, 50) } : {}),
      },
    });
  } catch (error) {
    ports.log("warn", "API connector audit event not written", { ...fields, error: (error as Error).message });
  }
}

/** Attribute values as the form shows them. */
function formValues(values: Record<string, AttributeValue>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, Array.isArray(value) ? [...value] : String(value)]),
  );
}
