import { randomBytes } from "node:crypto";
import { z } from "zod";
import { settings } from "../../../../_lib/server";

/**
 * What the edit form shows again after a refused save: the typed values, the problems (message
 * ids), or the "changed meanwhile" report. Carried for one view in a short-lived HttpOnly cookie
 * under the guests' path, and only shown when the redirect's `flash` parameter names it, so a
 * reload later or another tab does not show it again. Values never go into a URL.
 */
const messageSchema = z.object({
  id: z.string().max(128),
  context: z.record(z.string(), z.union([z.string().max(512), z.number()])).optional(),
});
const formValuesSchema = z.record(z.string().max(64), z.union([z.string().max(2048), z.array(z.string().max(2048)).max(64)]));
export const editFlashSchema = z.object({
  id: z.string().max(64),
  guestId: z.string().max(64),
  values: formValuesSchema.optional(),
  errors: z.record(z.string().max(64), messageSchema).optional(),
  /** The attributes another administrator changed since the form was read, with what this one typed. */
  conflict: z.object({ changed: z.array(z.string().max(64)).max(64), typed: formValuesSchema }).optional(),
});
export type EditFlash = z.infer<typeof editFlashSchema>;

const MAX_COOKIE = 3_800;
const cookieName = (tenantSlug: string) => `gg_admin_flash_${tenantSlug}`;

export function newFlashId(): string {
  return randomBytes(12).toString("base64url");
}

/** The Set-Cookie for the flash; when it does not fit a cookie, the typed values are dropped (the problems stay). */
export function flashCookie(tenantSlug: string, flash: EditFlash): string {
  let text = Buffer.from(JSON.stringify(flash)).toString("base64url");
  if (text.length > MAX_COOKIE) {
    const { values: _dropped, ...rest } = flash;
    void _dropped;
    text = Buffer.from(JSON.stringify({ ...rest, conflict: rest.conflict && { ...rest.conflict, typed: {} } })).toString(
      "base64url",
    );
  }
  const secure = settings().GUESTGATE_BASE_URL.startsWith("https:") ? "; Secure" : "";
  return `${cookieName(tenantSlug)}=${text}; Path=/${tenantSlug}/admin/guests; HttpOnly; SameSite=Lax; Max-Age=120${secure}`;
}

/** The flash the page was redirected with, if the cookie holds that one (and it is for this guest). */
export function readFlash(
  tenantSlug: string,
  cookie: (name: string) => string | undefined,
  flashId: unknown,
  guestId: string,
): EditFlash | undefined {
  const text = cookie(cookieName(tenantSlug));
  if (!text || typeof flashId !== "string") return undefined;
  try {
    const parsed = editFlashSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.id !== flashId || parsed.data.guestId !== guestId) return undefined;
    return parsed.data;
  } catch {
    return undefined;
  }
}

/** A 303 to a portal path that also sets the flash cookie (adminAction's redirect sets no cookie). */
export function seeOtherWithFlash(path: string, cookie: string): Response {
  return new Response(null, {
    status: 303,
    headers: {
      Location: new URL(path, settings().GUESTGATE_BASE_URL).toString(),
      "Set-Cookie": cookie,
      "Cache-Control": "no-store",
    },
  });
}
