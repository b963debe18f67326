import { isSameOriginPost, readBoundedBody } from "../../../_lib/http";
import { settings, tenants } from "../../../_lib/server";
import type { Tenant } from "../../../_lib/tenant";

/** The cookie that carries a WebAuthn ceremony's token (the challenge itself stays on the server). */
export function passkeyCookieName(tenantSlug: string): string {
  const base = `gg_admin_passkey_${tenantSlug}`;
  return settings().GUESTGATE_BASE_URL.startsWith("https:") ? `__Secure-${base}` : base;
}

export function passkeyCookie(tenantSlug: string, token: string, maxAgeSeconds: number): string {
  const secure = settings().GUESTGATE_BASE_URL.startsWith("https:") ? "; Secure" : "";
  return `${passkeyCookieName(tenantSlug)}=${token}; Path=/${tenantSlug}/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function json(body: unknown, status = 200, cookies: string[] = []): Response {
  const headers = new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * A passkey JSON route's common checks: tenant (404), same-origin (403: the ceremony's fetch is
 * same-origin, a cross-site page's is not), a bounded JSON object body (413/400).
 */
export async function passkeyRequest(
  request: Request,
  params: Promise<{ tenant: string }>,
): Promise<{ tenant: Tenant; body: Record<string, unknown> } | Response> {
  const tenant = tenants().find((await params).tenant);
  if (!tenant) return json({ error: "notFound" }, 404);
  if (!isSameOriginPost(request.headers, settings().GUESTGATE_BASE_URL)) return json({ error: "forbidden" }, 403);
  const raw = await readBoundedBody(request, 32 * 1024);
  if (!raw) return json({ error: "tooLarge" }, 413);
  try {
    const body: unknown = JSON.parse(new TextDecoder().decode(raw));
    if (!body || typeof body !== "object" || Array.isArray(body)) return json({ error: "invalid" }, 400);
    return { tenant, body: body as Record<string, unknown> };
  } catch {
    return json({ error: "invalid" }, 400);
  }
}
