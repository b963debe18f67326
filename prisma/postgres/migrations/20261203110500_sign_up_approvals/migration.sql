-- CreateTable
CREATE TABLE "sign_up_requests" (
    "guestId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userFlowName" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "autoDenyAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedByType" TEXT,
    "decidedById" TEXT,
    "message" TEXT,

    CONSTRAINT "sign_up_requests_pkey" PRIMARY KEY ("guestId")
);

-- CreateIndex
CREATE INDEX "sign_up_requests_tenantId_state_requestedAt_idx" ON "sign_up_requests"("tenantId", "state", "requestedAt");

-- CreateIndex
CREATE INDEX "sign_up_requests_state_autoDenyAt_idx" ON "sign_up_requests"("state", "autoDenyAt");

-- AddForeignKey
ALTER TABLE "sign_up_requests" ADD CONSTRAINT "sign_up_requests_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

