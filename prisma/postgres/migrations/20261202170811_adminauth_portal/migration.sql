-- CreateTable
CREATE TABLE "tenant_settings" (
    "tenantId" TEXT NOT NULL,
    "selfServiceSignUp" BOOLEAN,
    "passkeyRequired" BOOLEAN,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tenant_settings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "admin_passkeys" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "counter" INTEGER NOT NULL DEFAULT 0,
    "transports" TEXT NOT NULL DEFAULT '[]',
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "admin_passkeys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_ceremonies" (
    "idHash" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_ceremonies_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "admin_passkeys_tenantId_memberId_idx" ON "admin_passkeys"("tenantId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "admin_passkeys_tenantId_credentialId_key" ON "admin_passkeys"("tenantId", "credentialId");

-- CreateIndex
CREATE INDEX "admin_ceremonies_expiresAt_idx" ON "admin_ceremonies"("expiresAt");

-- AddForeignKey
ALTER TABLE "admin_passkeys" ADD CONSTRAINT "admin_passkeys_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
