// The invitations module: invite a guest by e-mail (Graph's POST /invitations, the portal, bulk CSV),
// tickets that are single-use, hashed, expiring and revocable, per-tenant domain and redirect
// rules, redemption with proof of the invited address, reminders. Over the directory; domain
// code: no framework, no database client (docs/ARCHITECTURE.md, "Layers").
export {
  createInvitationService,
  type InvitationPorts,
  type CreateOptions,
  type CreateResult,
  type InvitationInternals,
} from "./service";
export { invitationReminderJob } from "./reminder-job";
export type {
  InvitationService,
  InvitationView,
  InvitationOutcome,
  InvitationMail,
  InvitationPage,
  NewInvitation,
  OpenedTicket,
  TicketRef,
  AddressProof,
  Redemption,
} from "./contract";
export { InvitationError, isInvitationError, type InvitationErrorCode } from "./errors";
export {
  createBulkJobs,
  invitationBulkJob,
  type BulkJobRecord,
  type BulkJobState,
  type BulkJobStore,
  type BulkJobView,
  type BulkJobs,
} from "./bulk-jobs";
export { bulkInvite, type BulkRow, type BulkOptions, type BulkResult, type BulkRowResult } from "./bulk";
export { parseInvitationCsv, type CsvParse } from "./csv";
export { isInvitableAddress, normaliseAddress } from "./address";
export { provesInvitedAddress } from "./proof";
export { isWellFormedTicket } from "./tickets";
export { applicationOfUrl, type ApplicationMatch, type InvitableApplication } from "./rules";
export { mayActOnInvitations } from "./permissions";
export {
  INVITATION_STATUSES,
  type InvitationStatus,
  type InvitationState,
  type InvitationRecord,
  type NewInvitationRecord,
  type InvitationChanges,
  type InvitationExpectation,
  type InvitationListQuery,
  type InvitationStore,
  type InvitationReads,
  type InvitationUnit,
} from "./types";
export { createMemoryInvitationStore } from "./testing/memory-store";
