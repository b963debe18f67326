import { callConnector, type CallResult } from "./call";
import { parseConnectorAnswer, type ConnectorAnswer } from "./contract";
import { targetAllowed } from "./hooks";
import type { ConnectorSecret, ConnectorStep } from "./types";

/**
 * What an administrator's "send a test call" shows: the HTTP status, the time taken, and either the
 * parsed action (with the connector's own message, bounded by the parser, and the names it set) or
 * why the call failed — never the answer's body.
 */
export interface TestCallOutcome {
  outcome: "continue" | "block" | "validationError" | "prefill" | "modify" | "claims" | "failed";
  httpStatus?: number;
  durationMs: number;
  attempts: number;
  /** The answer's own words for the person (block or validation error), at most 1,024 characters. */
  message?: string;
  /** The claims or attributes the answer set (names only). */
  names?: string[];
  /** Why the call failed, in Guestgate's words (at most a short, bounded excerpt of a header). */
  reason?: string;
}

/** The person a test call describes: a reserved-domain address nobody owns (RFC 2606). */
export const SAMPLE_PERSON = {
  email: "test.person@example.com",
  displayName: "Test Person",
  givenName: "Test",
  surname: "Person",
  country: "NL",
} as const;

/**
 * Entra's workforce request (contract §6.1) with the sample person, as an e-mail-passcode sign-up at
 * `step` in `locale` would send it; `guestgate.test` tells a receiver that no one is signing up.
 */
export function sampleConnectorRequest(step: ConnectorStep, locale: string): Record<string, unknown> {
  const { email, ...attributes } = SAMPLE_PERSON;
  return {
    email,
    identities: [{ signInType: "federated", issuer: "mail", issuerAssignedId: email }],
    ...(step === "postAttributeCollection" ? attributes : {}),
    ui_locales: locale,
    guestgate: { step, flowId: "", clientId: "", test: true },
  };
}

export interface ConnectorTestCall {
  targetUrl: string;
  username: string;
  timeoutMs: number;
  maxRetries: number;
  step: ConnectorStep;
  locale: string;
  allowLoopbackHttp: boolean;
  openSecret(): ConnectorSecret;
  ca?: string | Buffer;
}

/** One call through the journey's own machinery (limits, retry, content type, auth), read as the journey would. */
export async function runConnectorTest(call: ConnectorTestCall): Promise<TestCallOutcome> {
  let result: CallResult | undefined;
  if (!targetAllowed(call.targetUrl, call.allowLoopbackHttp))
    result = { ok: false, reason: "target URL is not https", durationMs: 0, attempts: 0 };
  let secret: ConnectorSecret = { type: "none" };
  try {
    secret = call.openSecret();
  } catch {
    result ??= { ok: false, reason: "secret cannot be opened", durationMs: 0, attempts: 0 };
  }
  result ??= await callConnector({
    targetUrl: call.targetUrl,
    username: call.username,
    secret,
    timeoutMs: call.timeoutMs,
    maxRetries: call.maxRetries,
    body: sampleConnectorRequest(call.step, call.locale),
    ...(call.ca ? { ca: call.ca } : {}),
  });
  const answer: ConnectorAnswer = result.ok
    ? parseConnectorAnswer(call.step, result.status, result.json)
    : { action: "invalid", reason: result.reason };
  const httpStatus = result.ok ? result.status : result.httpStatus;
  const base = { durationMs: result.durationMs, attempts: result.attempts, ...(httpStatus ? { httpStatus } : {}) };
  switch (answer.action) {
    case "continue":
      return { ...base, outcome: "continue", names: Object.keys(answer.claims).sort().slice(0, 50) };
    case "block":
      return { ...base, outcome: "block", message: answer.userMessage };
    case "validationError":
      return { ...base, outcome: "validationError", message: answer.userMessage };
    default:
      return { ...base, outcome: "failed", reason: answer.reason };
  }
}
