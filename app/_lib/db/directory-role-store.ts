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
  };
}
