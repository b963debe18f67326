-- AlterTable
ALTER TABLE "client_secrets" ADD COLUMN "displayName" TEXT;

-- AlterTable
ALTER TABLE "guests" ADD COLUMN "stateChangedAt" DATETIME;

-- CreateTable
CREATE TABLE "groups" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT,
    "mailNickname" TEXT NOT NULL,
    "mailEnabled" BOOLEAN NOT NULL DEFAULT false,
    "securityEnabled" BOOLEAN NOT NULL DEFAULT true,
    "groupTypes" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "group_members" (
    "groupId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "guestId"),
    CONSTRAINT "group_members_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "groups" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "group_members_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "app_role_assignments" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "appRoleId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_role_assignments_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "app_role_assignments_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "applications" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "directory_role_assignments" (
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("guestId", "role"),
    CONSTRAINT "directory_role_assignments_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "custom_attributes" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_applications" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "clientType" TEXT NOT NULL,
    "redirectUris" TEXT NOT NULL DEFAULT '[]',
    "postLogoutRedirectUris" TEXT NOT NULL DEFAULT '[]',
    "grantTypes" TEXT NOT NULL DEFAULT '[]',
    "appRoles" TEXT NOT NULL DEFAULT '[]',
    "permissions" TEXT NOT NULL DEFAULT '[]',
    "redirectUriPlatforms" TEXT NOT NULL DEFAULT '{}',
    "homePageUrl" TEXT,
    "logoutUrl" TEXT,
    "groupMembershipClaims" TEXT NOT NULL DEFAULT 'None',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_applications" ("appRoles", "clientId", "clientType", "createdAt", "grantTypes", "id", "name", "permissions", "postLogoutRedirectUris", "redirectUris", "tenantId", "updatedAt") SELECT "appRoles", "clientId", "clientType", "createdAt", "grantTypes", "id", "name", "permissions", "postLogoutRedirectUris", "redirectUris", "tenantId", "updatedAt" FROM "applications";
DROP TABLE "applications";
ALTER TABLE "new_applications" RENAME TO "applications";
CREATE UNIQUE INDEX "applications_clientId_key" ON "applications"("clientId");
CREATE INDEX "applications_tenantId_idx" ON "applications"("tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
