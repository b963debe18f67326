-- CreateTable
CREATE TABLE "group_nestings" (
    "parentId" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_nestings_pkey" PRIMARY KEY ("parentId","childId")
);

-- CreateTable
CREATE TABLE "group_owners" (
    "groupId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_owners_pkey" PRIMARY KEY ("groupId","guestId")
);

-- CreateTable
CREATE TABLE "group_app_role_assignments" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "appRoleId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_app_role_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "group_nestings_tenantId_childId_idx" ON "group_nestings"("tenantId", "childId");

-- CreateIndex
CREATE INDEX "group_owners_tenantId_guestId_idx" ON "group_owners"("tenantId", "guestId");

-- CreateIndex
CREATE INDEX "group_app_role_assignments_tenantId_groupId_idx" ON "group_app_role_assignments"("tenantId", "groupId");

-- CreateIndex
CREATE INDEX "group_app_role_assignments_applicationId_idx" ON "group_app_role_assignments"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "group_app_role_assignments_groupId_applicationId_appRoleId_key" ON "group_app_role_assignments"("groupId", "applicationId", "appRoleId");

-- AddForeignKey
ALTER TABLE "group_nestings" ADD CONSTRAINT "group_nestings_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_nestings" ADD CONSTRAINT "group_nestings_childId_fkey" FOREIGN KEY ("childId") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_owners" ADD CONSTRAINT "group_owners_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_owners" ADD CONSTRAINT "group_owners_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_app_role_assignments" ADD CONSTRAINT "group_app_role_assignments_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_app_role_assignments" ADD CONSTRAINT "group_app_role_assignments_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
