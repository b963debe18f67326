import { readBoundedBody } from "./bounded-body";

export type BoundedForm = { ok: true; form: URLSearchParams } | { ok: false; status: 400 | 413 };

/**
 * An `application/x-www-form-urlencoded` body of at most `maxBytes`, counted while it streams
 * (a chunked body declares no length), decoded as UTF-8 (WHATWG URL §5.1; a browser posting one of
 * our UTF-8 pages sends nothing else). 413 beyond the limit, 400 for another type or bad bytes.
 * `request.formData()` is not used: it reads the whole body first, whatever its size.
 */
export async function readBoundedForm(request: Request, maxBytes: number): Promise<BoundedForm> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return { ok: false, status: 400 };
  const bytes = await readBoundedBody(request, maxBytes);
  if (!bytes) return { ok: false, status: 413 };
  try {
    return { ok: true, form: new URLSearchParams(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, status: 400 };
  }
}
