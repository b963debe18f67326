import type { PrismaClient } from "./client";

/** A tenant has a handful of connected organisations; this bounds a read should it have many. */
const MAX_ORGANIZATIONS = 5000;

/**
 * The ids of the tenant's `configured` connected organisations that name this e-mail domain in any
 * of their domain identity sources (not only the first, which is all `primaryDomain` indexes): what
 * the sign-up approval queue's autoApproveConnectedOrganizations trusts. `proposed` ones (made on
 * the fly by a request from an unknown domain) are not an administrator's decision, so never count.
 */
export async function configuredOrganizationsOfDomain(prisma: PrismaClient, tenantId: string, domain: string): Promise<string[]> {
  const wanted = domain.trim().toLowerCase();
  const rows = await prisma.connectedOrganization.findMany({
    where: { tenantId, state: "configured" },
    select: { id: true, identitySources: true },
    orderBy: { id: "asc" },
    take: MAX_ORGANIZATIONS,
  });
  return rows.filter((row) => domainsOf(row.identitySources).includes(wanted)).map((row) => row.id);
}

function domainsOf(stored: string): string[] {
  try {
    const sources: unknown = JSON.parse(stored);
    if (!Array.isArray(sources)) return [];
    return sources.flatMap((source: unknown) => {
      const name = (source as { domainName?: unknown } | null)?.domainName;
      return typeof name === "string" ? [name.toLowerCase()] : [];
    });
  } catch {
    return [];
  }
}
