import { OAuthError } from "../errors";
import { readBoundedBody } from "../../http";

/** The raw query string (without "?"), as the client encoded it. */
export function rawQuery(request: Request): string {
  const url = request.url;
  const question = url.indexOf("?");
  if (question === -1) return "";
  const hash = url.indexOf("#", question);
  return url.slice(question + 1, hash === -1 ? undefined : hash);
}

const FORM = "application/x-www-form-urlencoded";

/** Whether the request declares a form body (charset, if any, must be UTF-8). */
export function isFormRequest(request: Request): boolean {
  const header = request.headers.get("content-type");
  if (!header) return false;
  const [type, ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  if (type !== FORM) return false;
  return params.every((p) => !p.startsWith("charset=") || /^charset="?utf-8"?$/.test(p));
}

/**
 * Reads a form body of at most maxBytes. OAuth endpoints take application/x-www-form-urlencoded
 * only (RFC 6749 §3.2, §4.1.3; RFC 7009 §2.1; RFC 7662 §2.1).
 */
export async function readFormBody(request: Request, maxBytes = 64 * 1024): Promise<string> {
  if (!isFormRequest(request)) {
    throw new OAuthError("invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const bytes = await readBoundedBody(request, maxBytes);
  if (!bytes) throw new OAuthError("invalid_request", "the request body is too large", { status: 413 });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new OAuthError("invalid_request", "the request body is not valid UTF-8");
  }
}
