-- AlterTable
ALTER TABLE "access_package_assignment_requests" ADD COLUMN     "locale" TEXT,
ADD COLUMN     "requestorIssuer" TEXT,
ADD COLUMN     "requestorSubject" TEXT;

-- CreateIndex
CREATE INDEX "access_package_assignment_requests_tenantId_targetEmail_idx" ON "access_package_assignment_requests"("tenantId", "targetEmail");
