import { randomUUID } from "node:crypto";
import { callConnector, type CallResult } from "../api-connectors/call";
import { targetAllowed } from "../api-connectors/hooks";
import { SAMPLE_PERSON, type TestCallOutcome } from "../api-connectors/test-call";
import { audienceOf } from "./call";
import { envelope, parseExtensionAnswer, type ExtensionAnswer } from "./contract";
import type { CustomExtensionRow, ExtensionEvent } from "./types";

const text = (value: string) => ({
  "@odata.type": "microsoft.graph.stringDirectoryAttributeValue",
  value,
  attributeType: "builtIn",
});

/** The event's `data` with the sample person (contract §6.2), as a real journey or token would send it. */
export function sampleExtensionData(event: ExtensionEvent, tenantDomain: string): Record<string, unknown> {
  const { email, displayName, givenName, surname, country } = SAMPLE_PERSON;
  switch (event) {
    case "onOtpSend":
      // A code nobody can use: a test call never starts a sign-in.
      return { otpContext: { identifier: email, oneTimeCode: "000000" } };
    case "onTokenIssuanceStart":
      return {
        user: {
          id: "00000000-0000-0000-0000-000000000000",
          displayName,
          mail: email,
          userPrincipalName: email,
          userType: "Guest",
          givenName,
          surname,
        },
      };
    default:
      return {
        userSignUpInfo: {
          attributes: {
            displayName: text(displayName),
            givenName: text(givenName),
            surname: text(surname),
            country: text(country),
          },
          identities: [{ signInType: "email", issuer: tenantDomain, issuerAssignedId: email }],
        },
      };
  }
}

export interface ExtensionTestCall {
  row: CustomExtensionRow;
  tenantId: string;
  tenantGuid: string;
  locale: string;
  allowLoopbackHttp: boolean;
  /** Guestgate's own bearer token for the extension's resource, as every real call carries. */
  bearerToken(audience: string): Promise<string>;
  ca?: string | Buffer;
}

/** One call with the sample envelope through the journey's machinery, read as the journey would. */
export async function runExtensionTest(call: ExtensionTestCall): Promise<TestCallOutcome> {
  const { row } = call;
  let result: CallResult | undefined;
  let token = "";
  if (!targetAllowed(row.targetUrl, call.allowLoopbackHttp))
    result = { ok: false, reason: "target URL is not https", durationMs: 0, attempts: 0 };
  else
    try {
      token = await call.bearerToken(audienceOf(row.resourceId));
    } catch (error) {
      result = { ok: false, reason: `no token: ${(error as Error).message.slice(0, 80)}`, durationMs: 0, attempts: 0 };
    }
  result ??= await callConnector({
    targetUrl: row.targetUrl,
    username: "",
    secret: { type: "bearer", token },
    timeoutMs: row.timeoutMs,
    maxRetries: row.maxRetries,
    body: envelope(
      {
        event: row.eventType,
        tenantGuid: call.tenantGuid,
        extensionId: row.id,
        listenerId: "guestgate-test-call",
        correlationId: randomUUID(),
        clientId: "",
        applicationName: "Guestgate test call",
        clientIp: "",
        locale: call.locale,
      },
      sampleExtensionData(row.eventType, call.tenantId),
    ),
    userAgent: "Guestgate-AuthenticationEvents/1",
    ...(call.ca ? { ca: call.ca } : {}),
  });
  const answer: ExtensionAnswer = result.ok
    ? parseExtensionAnswer(row.eventType, result.status, result.json)
    : { action: "invalid", reason: result.reason };
  const httpStatus = result.ok ? result.status : result.httpStatus;
  const base = { durationMs: result.durationMs, attempts: result.attempts, ...(httpStatus ? { httpStatus } : {}) };
  const names = (values: Record<string, unknown>) => Object.keys(values).sort().slice(0, 50);
  switch (answer.action) {
    case "continue":
      return { ...base, outcome: "continue" };
    case "prefill":
      return { ...base, outcome: "prefill", names: names(answer.inputs) };
    case "modify":
      return { ...base, outcome: "modify", names: names(answer.attributes) };
    case "claims":
      return { ...base, outcome: "claims", names: names(answer.claims) };
    case "block": {
      const message = [answer.title, answer.message].filter(Boolean).join(" — ");
      return { ...base, outcome: "block", ...(message ? { message } : {}) };
    }
    case "validationError":
      return {
        ...base,
        outcome: "validationError",
        ...(answer.message ? { message: answer.message } : {}),
        names: names(answer.attributeErrors),
      };
    default:
      return { ...base, outcome: "failed", reason: answer.reason };
  }
}
