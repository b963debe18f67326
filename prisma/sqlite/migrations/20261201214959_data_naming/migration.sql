-- Data naming before the management API multiplies references to it (issue 7, part 7).

-- Auth.js runs without a database adapter (app/_lib/federation/auth-config.ts): its tables were
-- never written. Dropped, not migrated: there is nothing in them to carry over.
DROP INDEX "auth_sessions_sessionToken_key";
DROP INDEX "auth_users_email_key";
PRAGMA foreign_keys=off;
DROP TABLE "auth_accounts";
DROP TABLE "auth_sessions";
DROP TABLE "auth_users";
DROP TABLE "auth_verification_tokens";
PRAGMA foreign_keys=on;

-- The columns held a user flow's name and an application's client id, not ids of rows: renamed in
-- place, so every guest keeps its values (no table rebuild, identities and attributes untouched).
ALTER TABLE "guests" RENAME COLUMN "userFlowId" TO "userFlowName";
ALTER TABLE "guests" RENAME COLUMN "applicationId" TO "clientId";
