-- CreateTable
CREATE TABLE "custom_authentication_extensions" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "targetUrl" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "timeoutMs" INTEGER NOT NULL DEFAULT 1000,
    "maxRetries" INTEGER NOT NULL DEFAULT 0,
    "onFailure" TEXT NOT NULL DEFAULT 'block',
    "tokenClaims" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "authentication_event_listeners" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "extensionId" TEXT NOT NULL,
    "appIds" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "custom_authentication_extensions_tenantId_displayName_idx" ON "custom_authentication_extensions"("tenantId", "displayName");

-- CreateIndex
CREATE INDEX "authentication_event_listeners_tenantId_eventType_idx" ON "authentication_event_listeners"("tenantId", "eventType");
