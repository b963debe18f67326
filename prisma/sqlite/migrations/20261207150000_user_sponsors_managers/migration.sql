-- AlterTable
ALTER TABLE "access_package_assignment_requests" ADD COLUMN "startsAt" DATETIME;

-- CreateTable
CREATE TABLE "user_sponsors" (
    "guestId" TEXT NOT NULL,
    "sponsorId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("guestId", "sponsorId"),
    CONSTRAINT "user_sponsors_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "user_sponsors_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_managers" (
    "guestId" TEXT NOT NULL PRIMARY KEY,
    "managerId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "user_managers_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "user_managers_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "user_sponsors_tenantId_sponsorId_idx" ON "user_sponsors"("tenantId", "sponsorId");

-- CreateIndex
CREATE INDEX "user_managers_tenantId_managerId_idx" ON "user_managers"("tenantId", "managerId");

-- CreateIndex
CREATE INDEX "access_package_assignment_requests_state_startsAt_idx" ON "access_package_assignment_requests"("state", "startsAt");
