-- CreateIndex
CREATE INDEX "journeys_tenantId_interactionId_idx" ON "journeys"("tenantId", "interactionId");
