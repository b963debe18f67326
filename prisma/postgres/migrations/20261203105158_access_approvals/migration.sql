-- AlterTable
ALTER TABLE "access_package_assignment_requests" ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "requestorId" TEXT;

-- AlterTable
ALTER TABLE "access_package_assignments" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "access_package_approval_stages" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reviewResult" TEXT NOT NULL DEFAULT 'NotReviewed',
    "reviewedById" TEXT,
    "reviewedByName" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "justification" TEXT NOT NULL DEFAULT '',
    "settings" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),

    CONSTRAINT "access_package_approval_stages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_package_approval_stages_status_dueAt_idx" ON "access_package_approval_stages"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "access_package_approval_stages_requestId_sequence_key" ON "access_package_approval_stages"("requestId", "sequence");

-- CreateIndex
CREATE INDEX "access_package_assignments_state_expiresAt_idx" ON "access_package_assignments"("state", "expiresAt");

-- AddForeignKey
ALTER TABLE "access_package_approval_stages" ADD CONSTRAINT "access_package_approval_stages_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "access_package_assignment_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

