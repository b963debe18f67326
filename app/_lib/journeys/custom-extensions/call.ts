import type { Actor, AuditLog } from "../../directory";
import { callConnector, type CallResult } from "../api-connectors/call";
import { targetAllowed } from "../api-connectors/hooks";
import { envelope, parseExtensionAnswer, type EnvelopeContext, type ExtensionAnswer } from "./contract";
import type { CustomExtensionRow, ExtensionEvent } from "./types";

export interface ExtensionCallPorts {
  /** An app-only token of the tenant for this audience (the extension's app id), signed under its JWKS. */
  bearerToken(tenantId: string, audience: string): Promise<string>;
  /** Whether `http://` to a loopback address is allowed (development and tests only). */
  allowLoopbackHttp: boolean;
  audit: AuditLog;
  log(level: "info" | "warn", message: string, fields: Record<string, unknown>): void;
  /** Extra trust anchors for extensions' TLS certificates (tests with a private CA). */
  ca?: string | Buffer;
}

/** Extensions act for no one who exists yet (or for the platform, at token time): audited as the system. */
const EXTENSION_ACTOR: Actor = { type: "system", name: "customAuthenticationExtension" };

/**
 * The audience Entra's token to an extension carries: the app id at the end of
 * `api://{fqdn}/{appId}` (contract §6.2), or the resource id itself when it has no such form.
 */
export function audienceOf(resourceId: string): string {
  const match = /^api:\/\/[^/]+\/([^/]+)$/i.exec(resourceId);
  return match ? match[1]! : resourceId;
}

export interface ExtensionCall {
  tenantId: string;
  /** The id the row should have: a missing row is a failure, not a crash. */
  extensionId: string;
  row: CustomExtensionRow | null;
  event: ExtensionEvent;
  envelope: Omit<EnvelopeContext, "event" | "extensionId">;
  data: Record<string, unknown>;
  /** The flow or listener, for the audit. */
  attachedTo: string;
}

/**
 * One call to an extension on the API connectors' HTTP machinery (the same time and size limits,
 * content-type check and retry), with Guestgate's own bearer token, and its outcome logged and
 * audited under the journey's (or token request's) correlation id. Never throws.
 */
export async function runExtension(ports: ExtensionCallPorts, call: ExtensionCall): Promise<ExtensionAnswer> {
  const { row } = call;
  let result: CallResult;
  if (!row || row.eventType !== call.event)
    result = { ok: false, reason: row ? `extension is for ${row.eventType}` : "extension not found", durationMs: 0, attempts: 0 };
  else if (!targetAllowed(row.targetUrl, ports.allowLoopbackHttp))
    result = { ok: false, reason: "target URL is not https", durationMs: 0, attempts: 0 };
  else {
    let token: string | undefined;
    try {
      token = await ports.bearerToken(call.tenantId, audienceOf(row.resourceId));
    } catch (error) {
      result = { ok: false, reason: `no token: ${(error as Error).message.slice(0, 80)}`, durationMs: 0, attempts: 0 };
    }
    result ??= await callConnector({
      targetUrl: row.targetUrl,
      username: "",
      secret: { type: "bearer", token: token! },
      timeoutMs: row.timeoutMs,
      maxRetries: row.maxRetries,
      body: envelope({ ...call.envelope, event: call.event, extensionId: row.id }, call.data),
      userAgent: "Guestgate-AuthenticationEvents/1",
      ...(ports.ca ? { ca: ports.ca } : {}),
    });
  }
  const answer: ExtensionAnswer = result.ok
    ? parseExtensionAnswer(call.event, result.status, result.json)
    : { action: "invalid", reason: result.reason };
  await record(ports, call, result, answer);
  return answer;
}

/** One log line and one audit event per call: names and reasons, never values (Entra's 1003xxx, §8 hookTrace). */
async function record(ports: ExtensionCallPorts, call: ExtensionCall, result: CallResult, answer: ExtensionAnswer) {
  const outcome = answer.action === "invalid" ? "failed" : answer.action;
  const httpStatus = result.ok ? result.status : result.httpStatus;
  const fields = {
    tenantId: call.tenantId,
    correlationId: call.envelope.correlationId,
    extensionId: call.extensionId,
    event: call.event,
    outcome,
    durationMs: result.durationMs,
    attempts: result.attempts,
    ...(httpStatus ? { httpStatus } : {}),
    ...(answer.action === "invalid" ? { reason: answer.reason } : {}),
  };
  ports.log(answer.action === "invalid" ? "warn" : "info", `custom authentication extension ${call.event}: ${outcome}`, fields);
  const names =
    answer.action === "modify"
      ? Object.keys(answer.attributes)
      : answer.action === "prefill"
        ? Object.keys(answer.inputs)
        : answer.action === "claims"
          ? Object.keys(answer.claims)
          : answer.action === "validationError"
            ? Object.keys(answer.attributeErrors)
            : [];
  try {
    await ports.audit.append({
      tenantId: call.tenantId,
      type: answer.action === "invalid" ? "customExtension.failed" : "customExtension.called",
      actor: EXTENSION_ACTOR,
      target: { type: "customAuthenticationExtension", id: call.extensionId },
      correlationId: call.envelope.correlationId,
      data: {
        event: call.event,
        outcome,
        attachedTo: call.attachedTo,
        durationMs: result.durationMs,
        attempts: result.attempts,
        ...(httpStatus ? { httpStatus } : {}),
        ...(answer.action === "invalid" ? { reason: answer.reason } : {}),
        ...(names.length ? { names: names.sort().slice(0, 50) } : {}),
      },
    });
  } catch (error) {
    ports.log("warn", "custom extension audit event not written", { ...fields, error: (error as Error).message });
  }
}
