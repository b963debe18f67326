-- AlterTable
ALTER TABLE "access_package_approval_stages" ADD COLUMN     "escalateAt" TIMESTAMP(3),
ADD COLUMN     "escalatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "access_package_assignment_requests" ADD COLUMN     "deliveryStartedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "access_package_assignments" ADD COLUMN     "expiryNoticeDays" INTEGER;

-- CreateTable
CREATE TABLE "access_package_external_users" (
    "guestId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "blockedAt" TIMESTAMP(3),
    "deleteAt" TIMESTAMP(3),
    "blockedByLifecycle" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "access_package_external_users_pkey" PRIMARY KEY ("guestId")
);

-- CreateIndex
CREATE INDEX "access_package_external_users_tenantId_idx" ON "access_package_external_users"("tenantId");

-- CreateIndex
CREATE INDEX "access_package_external_users_state_endedAt_idx" ON "access_package_external_users"("state", "endedAt");

-- CreateIndex
CREATE INDEX "access_package_external_users_state_deleteAt_idx" ON "access_package_external_users"("state", "deleteAt");

-- CreateIndex
CREATE INDEX "access_package_approval_stages_status_escalateAt_idx" ON "access_package_approval_stages"("status", "escalateAt");

-- CreateIndex
CREATE INDEX "access_package_assignment_requests_state_deliveryStartedAt_idx" ON "access_package_assignment_requests"("state", "deliveryStartedAt");

