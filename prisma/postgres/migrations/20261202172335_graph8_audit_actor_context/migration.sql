-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "actorDisplayName" TEXT,
ADD COLUMN     "actorIpAddress" TEXT;
