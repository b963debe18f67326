-- CreateTable
CREATE TABLE "tenant_settings" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "selfServiceSignUp" BOOLEAN,
    "passkeyRequired" BOOLEAN,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "admin_passkeys" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "counter" INTEGER NOT NULL DEFAULT 0,
    "transports" TEXT NOT NULL DEFAULT '[]',
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    CONSTRAINT "admin_passkeys_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "admin_ceremonies" (
    "idHash" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "admin_passkeys_tenantId_memberId_idx" ON "admin_passkeys"("tenantId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "admin_passkeys_tenantId_credentialId_key" ON "admin_passkeys"("tenantId", "credentialId");

-- CreateIndex
CREATE INDEX "admin_ceremonies_expiresAt_idx" ON "admin_ceremonies"("expiresAt");
