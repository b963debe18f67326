-- AlterTable
ALTER TABLE "access_package_assignment_requests" ADD COLUMN     "startsAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "user_sponsors" (
    "guestId" TEXT NOT NULL,
    "sponsorId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_sponsors_pkey" PRIMARY KEY ("guestId","sponsorId")
);

-- CreateTable
CREATE TABLE "user_managers" (
    "guestId" TEXT NOT NULL,
    "managerId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_managers_pkey" PRIMARY KEY ("guestId")
);

-- CreateIndex
CREATE INDEX "user_sponsors_tenantId_sponsorId_idx" ON "user_sponsors"("tenantId", "sponsorId");

-- CreateIndex
CREATE INDEX "user_managers_tenantId_managerId_idx" ON "user_managers"("tenantId", "managerId");

-- CreateIndex
CREATE INDEX "access_package_assignment_requests_state_startsAt_idx" ON "access_package_assignment_requests"("state", "startsAt");

-- AddForeignKey
ALTER TABLE "user_sponsors" ADD CONSTRAINT "user_sponsors_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_sponsors" ADD CONSTRAINT "user_sponsors_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_managers" ADD CONSTRAINT "user_managers_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_managers" ADD CONSTRAINT "user_managers_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
