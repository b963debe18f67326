-- CreateTable
CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL DEFAULT '',
    "leasedUntil" DATETIME NOT NULL,
    "lastRunAt" DATETIME,
    "lastFinishedAt" DATETIME,
    "lastOutcome" TEXT,
    "lastResult" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 0
);
