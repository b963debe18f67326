import { z } from "zod";
import type { GraphAnswer, InnerRequest } from "./api";
import type { Caller } from "./auth";
import { validateBody, parseJsonBody } from "./body";
import { graphErrors } from "./errors";

/** JSON batching (contract §0.7): up to 20 requests, ids unique ignoring case, `dependsOn` earlier ids. */
export const MAX_BATCH = 20;

const batchItem = z.strictObject({
  id: z.string().min(1).max(64),
  method: z.string().regex(/^(GET|POST|PATCH|PUT|DELETE)$/i, "GET, POST, PATCH, PUT or DELETE"),
  url: z.string().min(1).max(4096),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).max(MAX_BATCH).optional(),
});
const batchBody = z.strictObject({ requests: z.array(batchItem).min(1).max(MAX_BATCH) });

export interface BatchDeps {
  authenticate(): Promise<Caller>;
  run(item: InnerRequest, caller: Caller): Promise<GraphAnswer>;
  answerFor(error: unknown): GraphAnswer;
  tenantSlug: string;
}

/**
 * The batch itself is 400 when it does not parse and 200 otherwise; each item answers on its own
 * and is authorised on its own. Items run one after another in the order given, so a `dependsOn`
 * always names one that already ran (else 400); a failed dependency gives 424.
 */
export async function runBatch(batch: InnerRequest, deps: BatchDeps): Promise<GraphAnswer> {
  if (batch.method.toUpperCase() !== "POST") throw graphErrors.methodNotAllowed();
  const caller = await deps.authenticate();
  const { requests } = validateBody(
    batchBody,
    parseJsonBody(batch.bodyText, batch.headers.get("content-type")),
    "batchRequest",
  ) as z.infer<typeof batchBody>;
  const seen = new Set<string>();
  for (const item of requests) {
    const key = item.id.toLowerCase();
    if (seen.has(key)) throw graphErrors.badRequest(`Batch request id '${item.id}' is used more than once.`);
    for (const dependency of item.dependsOn ?? [])
      if (!seen.has(dependency.toLowerCase()))
        throw graphErrors.badRequest(
          `Batch request '${item.id}' depends on '${dependency}', which is not an earlier request of the batch.`,
        );
    seen.add(key);
    if (item.body !== undefined && !Object.keys(item.headers ?? {}).some((name) => name.toLowerCase() === "content-type"))
      throw graphErrors.badRequest(`Batch request '${item.id}' has a body but no Content-Type header.`);
  }
  const statuses = new Map<string, number>();
  const responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];
  for (const item of requests) {
    const failedDependency = (item.dependsOn ?? []).some((dependency) => (statuses.get(dependency.toLowerCase()) ?? 0) >= 400);
    let answer: GraphAnswer;
    if (failedDependency) answer = deps.answerFor(graphErrors.failedDependency(item.id));
    else {
      const headers = new Headers(item.headers ?? {});
      headers.delete("authorization");
      try {
        answer = await deps.run(
          {
            method: item.method,
            target: innerTarget(item.url, deps.tenantSlug),
            headers,
            bodyText: item.body === undefined ? "" : JSON.stringify(item.body),
          },
          caller,
        );
      } catch (error) {
        answer = deps.answerFor(error);
      }
    }
    statuses.set(item.id.toLowerCase(), answer.status);
    responses.push({
      id: item.id,
      status: answer.status,
      headers: { ...answer.headers, ...(answer.json !== undefined ? { "Content-Type": "application/json" } : {}) },
      ...(answer.json !== undefined ? { body: answer.json } : answer.text !== undefined ? { body: answer.text } : {}),
    });
  }
  return { status: 200, headers: {}, json: { responses } };
}

/**
 * The Graph JS client writes inner URLs as `{tenant}/graph/v1.0/users` (it strips the host and a
 * leading version only, contract §0.1): strip a leading `/`, this tenant's `{tenant}/graph/`, and
 * a version. Absolute URLs and other tenants' prefixes are not normalised, so they cannot reach
 * another tenant or host.
 */
export function innerTarget(url: string, tenantSlug: string): string {
  let target = url.replace(/^\/+/, "");
  const prefix = `${tenantSlug}/graph/`;
  if (target.toLowerCase().startsWith(prefix.toLowerCase())) target = target.slice(prefix.length);
  target = target.replace(/^(v1\.0|beta)\//i, "");
  if (/^[a-z]+:/i.test(target) || target.startsWith("$batch"))
    throw graphErrors.badRequest(`Batch request URL '${url}' must be relative to the service root and not a batch.`);
  return target;
}
