-- CreateTable
CREATE TABLE "signup_funnel_journeys" (
    "tenantId" TEXT NOT NULL,
    "journeyKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "flowName" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL,
    "identityProven" BOOLEAN NOT NULL DEFAULT false,
    "attributesSubmitted" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("tenantId", "journeyKey")
);

-- CreateIndex
CREATE INDEX "signup_funnel_journeys_tenantId_day_idx" ON "signup_funnel_journeys"("tenantId", "day");
