-- AlterTable
ALTER TABLE "guests" ADD COLUMN "termsAcceptedAt" DATETIME;
ALTER TABLE "guests" ADD COLUMN "termsVersion" TEXT;

