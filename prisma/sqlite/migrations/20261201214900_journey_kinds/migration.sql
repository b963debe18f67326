-- Journey kinds: a journey completes an OIDC interaction (interactionId) or redirects to a path of
-- its tenant (redirectUrl). Existing rows are sign-up journeys with an interaction and are copied as they are.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_journeys" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'signup',
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "interactionId" TEXT,
    "redirectUrl" TEXT,
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
INSERT INTO "new_journeys" ("bindingHash", "clientId", "createdAt", "expiresAt", "flowId", "id", "interactionId", "internal", "kind", "locale", "state", "tenantId", "ui", "updatedAt", "version") SELECT "bindingHash", "clientId", "createdAt", "expiresAt", "flowId", "id", "interactionId", "internal", "kind", "locale", "state", "tenantId", "ui", "updatedAt", "version" FROM "journeys";
DROP TABLE "journeys";
ALTER TABLE "new_journeys" RENAME TO "journeys";
CREATE INDEX "journeys_tenantId_createdAt_idx" ON "journeys"("tenantId", "createdAt");
CREATE INDEX "journeys_expiresAt_idx" ON "journeys"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

