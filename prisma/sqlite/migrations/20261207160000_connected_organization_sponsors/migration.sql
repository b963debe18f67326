-- CreateTable
CREATE TABLE "connected_organization_sponsors" (
    "organizationId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("organizationId", "kind", "guestId"),
    CONSTRAINT "connected_organization_sponsors_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "connected_organizations" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "connected_organization_sponsors_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "connected_organization_sponsors_tenantId_guestId_idx" ON "connected_organization_sponsors"("tenantId", "guestId");
