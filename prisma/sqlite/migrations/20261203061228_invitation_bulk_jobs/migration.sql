-- CreateTable
CREATE TABLE "invitation_bulk_jobs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "redirectUrl" TEXT,
    "sendInvitationMessage" BOOLEAN NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "invitation_bulk_rows" (
    "jobId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "language" TEXT,
    "redirectUrl" TEXT,
    "outcome" TEXT,
    "reason" TEXT,
    "invitationId" TEXT,
    "guestId" TEXT,

    PRIMARY KEY ("jobId", "line"),
    CONSTRAINT "invitation_bulk_rows_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "invitation_bulk_jobs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "invitation_bulk_jobs_state_createdAt_idx" ON "invitation_bulk_jobs"("state", "createdAt");

-- CreateIndex
CREATE INDEX "invitation_bulk_jobs_tenantId_createdAt_idx" ON "invitation_bulk_jobs"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "invitation_bulk_rows_jobId_outcome_idx" ON "invitation_bulk_rows"("jobId", "outcome");
