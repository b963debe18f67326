/**
 * A thrown value as plain fields for a log line. Errors are not JSON-serialisable (their message
 * and stack are not own enumerable properties), and a cause chain is worth keeping: a Prisma error
 * wraps the driver's.
 */
export interface ErrorFields {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  /** Next's hash of a server error, which the browser's error boundary also sees. */
  digest?: string;
  cause?: ErrorFields;
}

const MAX_CAUSES = 4;

export function errorFields(error: unknown, depth = 0): ErrorFields {
  if (!(error instanceof Error)) return { name: typeof error, message: safeString(error) };
  const fields: ErrorFields = { name: error.name, message: error.message };
  if (error.stack) fields.stack = error.stack;
  const { code, digest } = error as { code?: unknown; digest?: unknown };
  if (typeof code === "string" || typeof code === "number") fields.code = String(code);
  if (typeof digest === "string") fields.digest = digest;
  if (error.cause !== undefined && depth < MAX_CAUSES) fields.cause = errorFields(error.cause, depth + 1);
  return fields;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
