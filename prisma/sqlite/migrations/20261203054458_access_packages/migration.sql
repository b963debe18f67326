-- CreateTable
CREATE TABLE "access_package_catalogs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "catalogType" TEXT NOT NULL DEFAULT 'userManaged',
    "state" TEXT NOT NULL DEFAULT 'published',
    "isExternallyVisible" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "access_package_resources" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "catalogId" TEXT NOT NULL,
    "originSystem" TEXT NOT NULL,
    "originId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "access_package_resources_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "access_package_catalogs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "access_package_resource_roles" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "originId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "access_package_resource_roles_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "access_package_resources" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "access_packages" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "catalogId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isHidden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "access_packages_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "access_package_catalogs" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "access_package_resource_role_scopes" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "accessPackageId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "access_package_resource_role_scopes_accessPackageId_fkey" FOREIGN KEY ("accessPackageId") REFERENCES "access_packages" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "access_package_resource_role_scopes_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "access_package_resource_roles" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "connected_organizations" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'configured',
    "identitySources" TEXT NOT NULL DEFAULT '[]',
    "primaryDomain" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "access_package_assignment_policies" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "accessPackageId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "allowedTargetScope" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "access_package_assignment_policies_accessPackageId_fkey" FOREIGN KEY ("accessPackageId") REFERENCES "access_packages" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "access_package_assignment_requests" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "accessPackageId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "targetGuestId" TEXT,
    "targetEmail" TEXT,
    "assignmentId" TEXT,
    "justification" TEXT NOT NULL DEFAULT '',
    "answers" TEXT NOT NULL DEFAULT '[]',
    "schedule" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "access_package_assignment_requests_accessPackageId_fkey" FOREIGN KEY ("accessPackageId") REFERENCES "access_packages" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "access_package_assignment_requests_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "access_package_assignment_policies" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "access_package_assignments" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "accessPackageId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "targetGuestId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "schedule" TEXT NOT NULL DEFAULT '{}',
    "expiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "access_package_assignments_accessPackageId_fkey" FOREIGN KEY ("accessPackageId") REFERENCES "access_packages" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "access_package_assignments_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "access_package_assignment_policies" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "entitlement_management_settings" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "externalUserLifecycleAction" TEXT NOT NULL DEFAULT 'blockSignInAndDelete',
    "durationUntilExternalUserDeletedAfterBlocked" TEXT NOT NULL DEFAULT 'P30D',
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "access_package_catalogs_tenantId_id_idx" ON "access_package_catalogs"("tenantId", "id");

-- CreateIndex
CREATE INDEX "access_package_resources_tenantId_originSystem_originId_idx" ON "access_package_resources"("tenantId", "originSystem", "originId");

-- CreateIndex
CREATE UNIQUE INDEX "access_package_resources_catalogId_originSystem_originId_key" ON "access_package_resources"("catalogId", "originSystem", "originId");

-- CreateIndex
CREATE UNIQUE INDEX "access_package_resource_roles_resourceId_originId_key" ON "access_package_resource_roles"("resourceId", "originId");

-- CreateIndex
CREATE INDEX "access_packages_tenantId_catalogId_idx" ON "access_packages"("tenantId", "catalogId");

-- CreateIndex
CREATE INDEX "access_package_resource_role_scopes_roleId_idx" ON "access_package_resource_role_scopes"("roleId");

-- CreateIndex
CREATE UNIQUE INDEX "access_package_resource_role_scopes_accessPackageId_roleId_key" ON "access_package_resource_role_scopes"("accessPackageId", "roleId");

-- CreateIndex
CREATE INDEX "connected_organizations_tenantId_primaryDomain_idx" ON "connected_organizations"("tenantId", "primaryDomain");

-- CreateIndex
CREATE INDEX "access_package_assignment_policies_tenantId_accessPackageId_idx" ON "access_package_assignment_policies"("tenantId", "accessPackageId");

-- CreateIndex
CREATE INDEX "access_package_assignment_requests_tenantId_state_idx" ON "access_package_assignment_requests"("tenantId", "state");

-- CreateIndex
CREATE INDEX "access_package_assignment_requests_tenantId_targetGuestId_idx" ON "access_package_assignment_requests"("tenantId", "targetGuestId");

-- CreateIndex
CREATE INDEX "access_package_assignments_tenantId_targetGuestId_idx" ON "access_package_assignments"("tenantId", "targetGuestId");

-- CreateIndex
CREATE INDEX "access_package_assignments_tenantId_accessPackageId_idx" ON "access_package_assignments"("tenantId", "accessPackageId");
