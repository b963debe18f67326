// Admin portal fixtures for page tests: a Member with a directory role, and a portal session for
// it minted through the real session service on the server's own database (the cookie a sign-in
// would set). Tests of the sign-in itself go through the browser instead (tests/e2e/admin/sign-in).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { BrowserContext } from "playwright-core";
import { createAdminSessionService } from "../../../app/_lib/admin";
import { createAdminSessionStore, createDirectoryRoleStore, searchKeyOf, type PrismaClient } from "../../../app/_lib/db";
import type { AdministratorRole } from "../../../app/_lib/directory";

/** The Member with this address in the tenant, created if missing, holding exactly `role`. */
export async function ensureAdministrator(
  prisma: PrismaClient,
  tenantId: string,
  email: string,
  role: AdministratorRole,
): Promise<string> {
  const existing = await prisma.guest.findFirst({ where: { tenantId, email, userType: "Member" }, select: { id: true } });
  const id = existing?.id ?? randomUUID();
  if (!existing)
    await prisma.guest.create({
      data: { id, tenantId, userType: "Member", createdVia: "seed", email, displayName: email, searchName: searchKeyOf(email) },
    });
  await prisma.directoryRoleAssignment.deleteMany({ where: { guestId: id } });
  await prisma.directoryRoleAssignment.create({ data: { tenantId, guestId: id, role } });
  return id;
}

/** A live portal session for the member, as its cookie for `baseURL`. */
export async function adminSessionCookie(prisma: PrismaClient, baseURL: string, tenantId: string, memberId: string) {
  const roles = createDirectoryRoleStore(prisma);
  const sessions = createAdminSessionService({
    store: createAdminSessionStore(prisma),
    members: { describe: (t, id) => roles.describeMember(t, id), rolesOf: (t, id) => roles.rolesOf(t, id) },
    now: () => new Date(),
    randomToken: () => randomBytes(32).toString("base64url"),
    sha256: (value) => createHash("sha256").update(value).digest("base64url"),
    newId: () => randomUUID(),
  });
  const { token } = await sessions.start({ tenantId, memberId, amr: ["otp"] });
  const secure = baseURL.startsWith("https:");
  return {
    name: `${secure ? "__Secure-" : ""}gg_admin_${tenantId}`,
    value: token,
    url: `${baseURL}/${tenantId}/admin`,
    httpOnly: true,
    sameSite: "Lax" as const,
    secure,
  };
}

/** Signs the browser context in to the portal as an administrator with `role` (a fixture, not the sign-in test). */
export async function signInAsAdministrator(
  context: BrowserContext,
  prisma: PrismaClient,
  baseURL: string,
  tenantId: string,
  role: AdministratorRole,
  email = `${role.toLowerCase()}@${tenantId}.example`,
): Promise<string> {
  const memberId = await ensureAdministrator(prisma, tenantId, email, role);
  const cookie = await adminSessionCookie(prisma, baseURL, tenantId, memberId);
  // A cookie with `url` gets that URL's path; the portal's cookie is scoped to /{tenant}/admin.
  await context.addCookies([{ ...cookie, url: undefined, domain: new URL(baseURL).hostname, path: `/${tenantId}/admin` }]);
  return memberId;
}
