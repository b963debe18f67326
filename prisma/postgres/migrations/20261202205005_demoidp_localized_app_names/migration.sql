-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "localizedDisplayNames" TEXT NOT NULL DEFAULT '{}';
