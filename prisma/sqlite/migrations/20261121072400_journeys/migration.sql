-- CreateTable
CREATE TABLE "journeys" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'signup',
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "interactionId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "bindingHash" TEXT NOT NULL,
    "ui" TEXT NOT NULL DEFAULT '{}',
    "internal" TEXT NOT NULL DEFAULT '{}',
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "email_passcodes" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "journeyId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "consumedAt" DATETIME
);

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("key", "windowStart")
);

-- CreateTable
CREATE TABLE "user_flows" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "user_flow_applications" (
    "tenantId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "userFlowId" TEXT NOT NULL,

    PRIMARY KEY ("tenantId", "clientId"),
    CONSTRAINT "user_flow_applications_userFlowId_fkey" FOREIGN KEY ("userFlowId") REFERENCES "user_flows" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "journeys_tenantId_createdAt_idx" ON "journeys"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "journeys_expiresAt_idx" ON "journeys"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "email_passcodes_journeyId_key" ON "email_passcodes"("journeyId");

-- CreateIndex
CREATE INDEX "email_passcodes_expiresAt_idx" ON "email_passcodes"("expiresAt");

-- CreateIndex
CREATE INDEX "rate_limit_counters_expiresAt_idx" ON "rate_limit_counters"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "user_flows_tenantId_name_key" ON "user_flows"("tenantId", "name");

-- CreateIndex
CREATE INDEX "user_flow_applications_userFlowId_idx" ON "user_flow_applications"("userFlowId");
