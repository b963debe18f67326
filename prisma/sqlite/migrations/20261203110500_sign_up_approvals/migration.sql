-- CreateTable
CREATE TABLE "sign_up_requests" (
    "guestId" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "userFlowName" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "autoDenyAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedByType" TEXT,
    "decidedById" TEXT,
    "message" TEXT,
    CONSTRAINT "sign_up_requests_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "guests" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "sign_up_requests_tenantId_state_requestedAt_idx" ON "sign_up_requests"("tenantId", "state", "requestedAt");

-- CreateIndex
CREATE INDEX "sign_up_requests_state_autoDenyAt_idx" ON "sign_up_requests"("state", "autoDenyAt");

