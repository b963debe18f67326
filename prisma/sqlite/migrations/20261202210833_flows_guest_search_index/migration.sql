-- AlterTable
ALTER TABLE "guests" ADD COLUMN "searchName" TEXT;

-- Backfill: the directory store writes searchName with every display name from now on. SQLite's
-- lower() folds ASCII letters only; a stored name with a non-ASCII capital gets its full key the
-- next time the name is written.
UPDATE "guests" SET "searchName" = lower("displayName") WHERE "displayName" IS NOT NULL;

-- CreateIndex
CREATE INDEX "guests_tenantId_searchName_idx" ON "guests"("tenantId", "searchName");
