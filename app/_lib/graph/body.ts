import type { z } from "zod";
import { readBoundedBody } from "../http";
import { graphErrors, type GraphErrorDetail } from "./errors";

/** Graph refuses bodies over about 4 MB; Guestgate's objects are far smaller, so 1 MB is the limit. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, refused past the limit without reading the rest (a declared length is trusted to refuse early). */
export async function readBodyText(request: Request): Promise<string> {
  const bytes = await readBoundedBody(request, MAX_BODY_BYTES);
  if (!bytes) throw tooLarge();
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

const tooLarge = () => graphErrors.badRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);

/** JSON of an object body: anything else (no body, malformed, an array) is 400 saying which. */
export function parseJsonBody(text: string, contentType: string | null): unknown {
  if (!text.trim()) throw graphErrors.badRequest("The request body is empty; this request needs a JSON object.");
  if (contentType && !/^application\/json\b/i.test(contentType.trim()))
    throw graphErrors.badRequest(`Content-Type '${contentType}' is not supported; send application/json.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw graphErrors.badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw graphErrors.badRequest("The request body must be a JSON object.");
  return value;
}

/** Runs the route's strict schema; every problem is named (property path and what was wrong). */
export function validateBody(schema: z.ZodType, value: unknown, type: string): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: GraphErrorDetail[] = result.error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({
        code: "InvalidProperty",
        target: at ? `${at}.${key}` : key,
        message: `Property '${at ? `${at}.${key}` : key}' does not exist on type '${type}' or cannot be written.`,
      }));
    return [{ code: "InvalidValue", target: at, message: `Invalid value for property '${at || "(body)"}': ${issue.message}.` }];
  });
  throw graphErrors.badRequest(details.map((d) => d.message).join(" "), details);
}
