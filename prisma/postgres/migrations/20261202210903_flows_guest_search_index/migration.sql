-- AlterTable
ALTER TABLE "guests" ADD COLUMN     "searchName" TEXT;

-- Backfill: the directory store writes searchName (NFC, lower-cased) with every display name from now on.
UPDATE "guests" SET "searchName" = lower(normalize("displayName", NFC)) WHERE "displayName" IS NOT NULL;

-- CreateIndex: text_pattern_ops so that the prefix LIKE on the lower-cased key is an index range
-- under any database collation (a plain btree serves LIKE only under the "C" collation).
CREATE INDEX "guests_tenantId_searchName_idx" ON "guests"("tenantId", "searchName" text_pattern_ops);

-- The search's other side, the e-mail prefix, served the same way (the index still answers the
-- equality lookups by address it was made for: text_pattern_ops has "=").
DROP INDEX "guests_tenantId_email_idx";
CREATE INDEX "guests_tenantId_email_idx" ON "guests"("tenantId", "email" text_pattern_ops);
