import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Paging cursors (Graph's `$skiptoken`): opaque to callers and tamper-safe. A cursor carries the
 * sort key of the last row shown and a fingerprint of the tenant, filter and order it was made for,
 * MACed with a server key, so it can neither be forged to jump elsewhere nor be replayed against
 * another tenant or query.
 */
export interface CursorPosition {
  value: string | null;
  id: string;
}

export interface CursorCodec {
  encode(scope: unknown, position: CursorPosition): string;
  /** The position, or undefined when the cursor is malformed, forged, or made for another scope. */
  decode(scope: unknown, cursor: string): CursorPosition | undefined;
}

const MAX_CURSOR_LENGTH = 2048;

export function createCursorCodec(key: Uint8Array): CursorCodec {
  if (key.byteLength < 32) throw new Error("the cursor key needs at least 256 bits");
  const fingerprint = (scope: unknown) => createHash("sha256").update(JSON.stringify(scope)).digest("base64url").slice(0, 22);
  const mac = (body: string) => createHmac("sha256", key).update(body).digest();

  return {
    encode(scope, position) {
      const body = Buffer.from(JSON.stringify({ s: fingerprint(scope), v: position.value, i: position.id })).toString(
        "base64url",
      );
      return `${body}.${mac(body).toString("base64url")}`;
    },
    decode(scope, cursor) {
      if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
      const [body, tag, ...rest] = cursor.split(".");
      if (!body || !tag || rest.length) return undefined;
      // Compared as text: decoding would ignore the unused low bits of the last base64 character.
      const expected = Buffer.from(mac(body).toString("base64url"));
      const given = Buffer.from(tag);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { s?: unknown; v?: unknown; i?: unknown };
        if (parsed.s !== fingerprint(scope) || typeof parsed.i !== "string") return undefined;
        if (parsed.v !== null && typeof parsed.v !== "string") return undefined;
        return { value: parsed.v, id: parsed.i };
      } catch {
        return undefined;
      }
    },
  };
}
