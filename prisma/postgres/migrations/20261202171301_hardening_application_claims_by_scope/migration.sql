-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "claimsByScope" BOOLEAN NOT NULL DEFAULT false;
