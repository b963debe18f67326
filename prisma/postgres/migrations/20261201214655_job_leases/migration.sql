-- CreateTable
CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL DEFAULT '',
    "leasedUntil" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "lastResult" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "job_leases_pkey" PRIMARY KEY ("name")
);
