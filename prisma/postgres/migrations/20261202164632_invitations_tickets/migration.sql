-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "guestId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "userType" TEXT NOT NULL,
    "redirectUrl" TEXT NOT NULL,
    "ticketHash" TEXT NOT NULL,
    "ticketExpiresAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "language" TEXT,
    "customMessage" TEXT,
    "ccRecipient" TEXT,
    "inviterType" TEXT NOT NULL,
    "inviterId" TEXT NOT NULL,
    "inviterName" TEXT,
    "sends" INTEGER NOT NULL DEFAULT 1,
    "lastSentAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),
    "redeemedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_ticketHash_key" ON "invitations"("ticketHash");

-- CreateIndex
CREATE INDEX "invitations_tenantId_createdAt_id_idx" ON "invitations"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "invitations_status_ticketExpiresAt_idx" ON "invitations"("status", "ticketExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tenantId_guestId_key" ON "invitations"("tenantId", "guestId");
