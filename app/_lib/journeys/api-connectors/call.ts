import http from "node:http";
import https from "node:https";
import { MAX_RESPONSE_BYTES, type ConnectorSecret } from "./types";

/** A custom authentication extension's credential: a token Guestgate issued (contract §6.2). */
export type BearerSecret = { type: "bearer"; token: string };

/**
 * One outbound hook call: an API connector's (Basic or a client certificate) or a custom
 * authentication extension's (a bearer token). Both contracts share the limits and failure paths.
 */
export interface ConnectorCall {
  targetUrl: string;
  username: string;
  secret: ConnectorSecret | BearerSecret;
  timeoutMs: number;
  maxRetries: number;
  body: unknown;
  /** Extra trust anchors for the target's certificate (tests; a private CA). */
  ca?: string | Buffer;
  userAgent?: string;
}

export type CallResult =
  | { ok: true; status: number; json: unknown; durationMs: number; attempts: number }
  | { ok: false; reason: string; httpStatus?: number; durationMs: number; attempts: number };

/**
 * POSTs the request and reads a bounded JSON answer. Anything that is not a JSON answer within the
 * time and size limits is a failure with a reason for the log; a timeout, a network error or a 5xx
 * is tried once more when the connector allows a retry. Never throws.
 */
export async function callConnector(call: ConnectorCall): Promise<CallResult> {
  const started = Date.now();
  let last: Attempt = { ok: false, reason: "not called", retryable: false };
  const attempts = 1 + Math.min(Math.max(call.maxRetries, 0), 1);
  let made = 0;
  for (let i = 0; i < attempts; i++) {
    made++;
    last = await attempt(call);
    if (last.ok || !last.retryable) break;
  }
  const durationMs = Date.now() - started;
  if (last.ok) return { ok: true, status: last.status, json: last.json, durationMs, attempts: made };
  return {
    ok: false,
    reason: last.reason,
    ...(last.httpStatus ? { httpStatus: last.httpStatus } : {}),
    durationMs,
    attempts: made,
  };
}

type Attempt =
  { ok: true; status: number; json: unknown } | { ok: false; reason: string; retryable: boolean; httpStatus?: number };

function attempt(call: ConnectorCall): Promise<Attempt> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(call.targetUrl);
    } catch {
      return resolve({ ok: false, reason: "target URL is not a URL", retryable: false });
    }
    const payload = Buffer.from(JSON.stringify(call.body), "utf8");
    const headers: Record<string, string | number> = {
      "content-type": "application/json; charset=utf-8",
      accept: "application/json",
      "content-length": payload.length,
      "user-agent": call.userAgent ?? "Guestgate-ApiConnector/1",
    };
    if (call.secret.type === "bearer") headers.authorization = `Bearer ${call.secret.token}`;
    if (call.secret.type === "basic")
      headers.authorization = `Basic ${Buffer.from(`${call.username}:${call.secret.password}`, "utf8").toString("base64")}`;
    const options: https.RequestOptions = { method: "POST", headers, timeout: call.timeoutMs, agent: false };
    if (call.secret.type === "certificate") {
      options.pfx = Buffer.from(call.secret.pkcs12, "base64");
      options.passphrase = call.secret.password;
    }
    if (call.ca) options.ca = call.ca;
    options.minVersion = "TLSv1.2";
    const transport = url.protocol === "https:" ? https : http;

    let settled = false;
    const done = (result: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    // The socket timeout only notices idleness; a trickling answer is stopped by the overall deadline.
    const deadline = setTimeout(() => {
      request.destroy();
      done({ ok: false, reason: `no answer within ${call.timeoutMs} ms`, retryable: true });
    }, call.timeoutMs);

    let request: http.ClientRequest;
    try {
      request = transport.request(url, options, (response) => {
        const status = response.statusCode ?? 0;
        const type = String(response.headers["content-type"] ?? "");
        if (status >= 500) {
          response.resume();
          return done({ ok: false, reason: `HTTP ${status}`, retryable: true, httpStatus: status });
        }
        if (!/^application\/json\s*(;|$)/i.test(type)) {
          response.resume();
          return done({ ok: false, reason: `content type "${type.slice(0, 60)}"`, retryable: false, httpStatus: status });
        }
        const declared = Number(response.headers["content-length"] ?? 0);
        if (declared > MAX_RESPONSE_BYTES) {
          request.destroy();
          return done({
            ok: false,
            reason: `answer larger than ${MAX_RESPONSE_BYTES} bytes`,
            retryable: false,
            httpStatus: status,
          });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            request.destroy();
            done({ ok: false, reason: `answer larger than ${MAX_RESPONSE_BYTES} bytes`, retryable: false, httpStatus: status });
          } else chunks.push(chunk);
        });
        response.on("error", () => done({ ok: false, reason: "answer broke off", retryable: true, httpStatus: status }));
        response.on("end", () => {
          try {
            done({ ok: true, status, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
          } catch {
            done({ ok: false, reason: "malformed JSON", retryable: false, httpStatus: status });
          }
        });
      });
    } catch (error) {
      return done({ ok: false, reason: `request failed: ${(error as Error).message.slice(0, 120)}`, retryable: false });
    }
    request.on("timeout", () => request.destroy(new Error(`no answer within ${call.timeoutMs} ms`)));
    request.on("error", (error: NodeJS.ErrnoException) =>
      done({ ok: false, reason: `network: ${error.code ?? error.message.slice(0, 120)}`, retryable: true }),
    );
    request.end(payload);
  });
}
