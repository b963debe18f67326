-- CreateTable
CREATE TABLE "api_connectors" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "authType" TEXT NOT NULL,
    "username" TEXT NOT NULL DEFAULT '',
    "secretSealed" TEXT NOT NULL DEFAULT '',
    "certificate" TEXT NOT NULL DEFAULT '',
    "timeoutMs" INTEGER NOT NULL DEFAULT 1000,
    "maxRetries" INTEGER NOT NULL DEFAULT 0,
    "onFailure" TEXT NOT NULL DEFAULT 'block',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "api_connectors_tenantId_displayName_idx" ON "api_connectors"("tenantId", "displayName");
