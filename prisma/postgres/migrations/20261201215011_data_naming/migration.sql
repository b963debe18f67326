-- Data naming before the management API multiplies references to it (issue 7, part 7).

-- Auth.js runs without a database adapter (app/_lib/federation/auth-config.ts): its tables were
-- never written. Dropped, not migrated: there is nothing in them to carry over.
DROP TABLE "auth_accounts";
DROP TABLE "auth_sessions";
DROP TABLE "auth_users";
DROP TABLE "auth_verification_tokens";

-- The columns held a user flow's name and an application's client id, not ids of rows: renamed in
-- place, so every guest keeps its values.
ALTER TABLE "guests" RENAME COLUMN "userFlowId" TO "userFlowName";
ALTER TABLE "guests" RENAME COLUMN "applicationId" TO "clientId";
