-- Journey kinds: a journey completes an OIDC interaction (interactionId) or redirects to a path of
-- its tenant (redirectUrl). Existing rows are sign-up journeys with an interaction and keep it.
-- AlterTable
ALTER TABLE "journeys" ADD COLUMN     "redirectUrl" TEXT,
ALTER COLUMN "interactionId" DROP NOT NULL;

