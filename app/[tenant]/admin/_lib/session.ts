import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { AdminCapability, AdminSession } from "../../../_lib/admin";
import type { AdministratorActor } from "../../../_lib/directory";
import { PATH_HEADER } from "../../../_lib/http";
import { isLocale, LOCALE_HEADER, SOURCE_LOCALE, type Locale } from "../../../_lib/i18n";
import { services, settings } from "../../../_lib/server";
import type { Tenant } from "../../../_lib/tenant";
import { tenantOrNotFound } from "../../tenant";
import { hasPasskeyProof, passkeyStepPath } from "./sign-in";

/**
 * The admin portal's session cookie: a random token (its hash is the row's key), HttpOnly,
 * SameSite=Lax, only sent under `/{tenant}/admin`, `__Secure-` over https (a `__Host-` cookie must
 * have Path=/).
 */
export function adminCookieName(tenantSlug: string): string {
  const base = `gg_admin_${tenantSlug}`;
  return settings().GUESTGATE_BASE_URL.startsWith("https:") ? `__Secure-${base}` : base;
}

export function adminCookie(tenantSlug: string, token: string, maxAgeSeconds: number): string {
  const secure = settings().GUESTGATE_BASE_URL.startsWith("https:") ? "; Secure" : "";
  return `${adminCookieName(tenantSlug)}=${token}; Path=/${tenantSlug}/admin; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearedAdminCookie(tenantSlug: string): string {
  return adminCookie(tenantSlug, "", 0);
}

/** The live admin session of this request's browser at the tenant, if any. */
export async function currentAdmin(tenantSlug: string): Promise<AdminSession | undefined> {
  const token = (await cookies()).get(adminCookieName(tenantSlug))?.value;
  return services().admin.sessions.resolve(tenantSlug, token);
}

export interface AdminPage {
  tenant: Tenant;
  session: AdminSession;
  /** The administrator as the services know them, under the role that grants the page's capability. */
  actor: AdministratorActor;
  locale: Locale;
}

/** The page's language, as the proxy chose it (every language we have: see requestLocale). */
export async function adminLocale(): Promise<Locale> {
  const chosen = (await headers()).get(LOCALE_HEADER);
  return isLocale(chosen) ? chosen : SOURCE_LOCALE;
}

/**
 * The gate of every admin page: no session → the sign-in page, which comes back here; a session
 * whose roles do not grant `capability` → Next's 403 (`forbidden.tsx`, localized), never a page
 * with hidden buttons. `recent` pages (destructive confirmations) also need a fresh proof.
 */
export async function requireAdmin(
  tenantSlug: string,
  capability: AdminCapability,
  options: { recent?: boolean } = {},
): Promise<AdminPage> {
  const tenant = tenantOrNotFound(tenantSlug);
  const session = await currentAdmin(tenant.slug);
  const here = (await headers()).get(PATH_HEADER) ?? `/${tenant.slug}/admin`;
  if (!session) redirect(signInPath(tenant.slug, here));
  if (await passkeyStepDue(tenant, session)) redirect(passkeyStepPath(tenant.slug, here));
  const actor = session.actorFor(capability);
  if (!actor) forbidden();
  if (options.recent && !session.recentlyAuthenticated) redirect(signInPath(tenant.slug, here, { reauthenticate: true }));
  return { tenant, session, actor, locale: await adminLocale() };
}

/** A tenant that requires a passkey lets a session in only once it has a passkey proof (the step after the passcode). */
export async function passkeyStepDue(tenant: Tenant, session: AdminSession): Promise<boolean> {
  if (hasPasskeyProof(session.amr)) return false;
  return (await services().admin.settings.effective(tenant)).passkeyRequired;
}

/** Where to sign in (or prove again) before coming back to `returnTo`, a path of the portal. */
export function signInPath(tenantSlug: string, returnTo: string, options: { reauthenticate?: boolean } = {}): string {
  const query = new URLSearchParams({ returnTo });
  if (options.reauthenticate) query.set("reauthenticate", "1");
  return `/${tenantSlug}/admin/sign-in?${query.toString()}`;
}
