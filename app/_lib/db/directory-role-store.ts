import type { AdministratorRole } from "../directory";
import type { PrismaClient } from "./client";

/** The directory roles members hold (Global Administrator, …), read by the Graph API for delegated tokens. */
export function createDirectoryRoleStore(prisma: PrismaClient) {
  return {
    async rolesOf(tenantId: string, guestId: string): Promise<AdministratorRole[]> {
      const rows = await prisma.directoryRoleAssignment.findMany({
        where: { tenantId, guestId, guest: { tenantId, userType: "Member", state: "active" } },
        select: { role: true },
      });
      return rows.map((row) => row.role as AdministratorRole);
    },
    /** The member behind an admin portal session, read fresh on each request. */
    async describeMember(tenantId: string, guestId: string) {
      const row = await prisma.guest.findFirst({
        where: { id: guestId, tenantId },
        select: { email: true, displayName: true, state: true, userType: true },
      });
      if (!row) return undefined;
      return {
        ...(row.email ? { email: row.email } : {}),
        ...(row.displayName ? { displayName: row.displayName } : {}),
        active: row.state === "active",
        member: row.userType === "Member",
      };
    },
  };
}
