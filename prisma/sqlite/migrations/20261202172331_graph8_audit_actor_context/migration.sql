-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN "actorDisplayName" TEXT;
ALTER TABLE "audit_events" ADD COLUMN "actorIpAddress" TEXT;
