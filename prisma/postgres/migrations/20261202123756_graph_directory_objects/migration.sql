-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "groupMembershipClaims" TEXT NOT NULL DEFAULT 'None',
ADD COLUMN     "homePageUrl" TEXT,
ADD COLUMN     "logoutUrl" TEXT,
ADD COLUMN     "redirectUriPlatforms" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "client_secrets" ADD COLUMN     "displayName" TEXT;

-- AlterTable
ALTER TABLE "guests" ADD COLUMN     "stateChangedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "groups" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT,
    "mailNickname" TEXT NOT NULL,
    "mailEnabled" BOOLEAN NOT NULL DEFAULT false,
    "securityEnabled" BOOLEAN NOT NULL DEFAULT true,
    "groupTypes" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_members" (
    "groupId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_members_pkey" PRIMARY KEY ("groupId","guestId")
);

-- CreateTable
CREATE TABLE "app_role_assignments" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "appRoleId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_role_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_role_assignments" (
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_role_assignments_pkey" PRIMARY KEY ("guestId","role")
);

-- CreateTable
CREATE TABLE "custom_attributes" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "custom_attributes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "groups_tenantId_displayName_id_idx" ON "groups"("tenantId", "displayName", "id");

-- CreateIndex
CREATE INDEX "group_members_tenantId_guestId_idx" ON "group_members"("tenantId", "guestId");

-- CreateIndex
CREATE INDEX "app_role_assignments_tenantId_guestId_idx" ON "app_role_assignments"("tenantId", "guestId");

-- CreateIndex
CREATE INDEX "app_role_assignments_applicationId_idx" ON "app_role_assignments"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "app_role_assignments_guestId_applicationId_appRoleId_key" ON "app_role_assignments"("guestId", "applicationId", "appRoleId");

-- CreateIndex
CREATE INDEX "directory_role_assignments_tenantId_idx" ON "directory_role_assignments"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "custom_attributes_tenantId_name_key" ON "custom_attributes"("tenantId", "name");

-- CreateIndex
CREATE INDEX "audit_events_tenantId_createdAt_id_idx" ON "audit_events"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "guests_tenantId_displayName_id_idx" ON "guests"("tenantId", "displayName", "id");

-- CreateIndex
CREATE INDEX "guests_tenantId_createdAt_id_idx" ON "guests"("tenantId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_role_assignments" ADD CONSTRAINT "app_role_assignments_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_role_assignments" ADD CONSTRAINT "app_role_assignments_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_role_assignments" ADD CONSTRAINT "directory_role_assignments_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
