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
    "claimsByScope" BOOLEAN NOT NULL DEFAULT false,
    "localizedDisplayNames" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_applications" ("appRoles", "claimsByScope", "clientId", "clientType", "createdAt", "grantTypes", "groupMembershipClaims", "homePageUrl", "id", "logoutUrl", "name", "permissions", "postLogoutRedirectUris", "redirectUriPlatforms", "redirectUris", "tenantId", "updatedAt") SELECT "appRoles", "claimsByScope", "clientId", "clientType", "createdAt", "grantTypes", "groupMembershipClaims", "homePageUrl", "id", "logoutUrl", "name", "permissions", "postLogoutRedirectUris", "redirectUriPlatforms", "redirectUris", "tenantId", "updatedAt" FROM "applications";
DROP TABLE "applications";
ALTER TABLE "new_applications" RENAME TO "applications";
CREATE UNIQUE INDEX "applications_clientId_key" ON "applications"("clientId");
CREATE INDEX "applications_tenantId_idx" ON "applications"("tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
