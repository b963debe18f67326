export { createMailer, type Mailer, type MailerOptions, type MailLog, type SentMail } from "./mailer";
export { createOutbox, MAX_OUTBOX_LIST, type Outbox, type OutboxMessage, type OutboxQuery } from "./outbox";
export { createSmtpTransport } from "./smtp-transport";
export { MailDeliveryError, type MailKind, type OutgoingMail, type MailTransport } from "./message";
export { renderPasscodeEmail, type PasscodeEmailInput, type RenderedEmail } from "./passcode-email";
export { createPasscodeMailer, type PasscodeMail } from "./passcode-mailer";
export { mailTranslator } from "./translator";
export { renderInvitationEmail, type InvitationEmailInput } from "./invitation-email";
export { createInvitationMailer, type InvitationMailMessage } from "./invitation-mailer";
export { escapeHtml } from "./escape-html";
export type { MailTranslate } from "./translate";
export {
  renderApprovalRequestEmail,
  renderSignUpDecisionEmail,
  type ApprovalRequestEmailInput,
  type SignUpDecisionEmailInput,
} from "./sign-up-approval-email";
export {
  createSignUpApprovalMailer,
  type ApprovalMailRequest,
  type ApprovalRecipient,
  type SignUpApprovalMailerDeps,
} from "./sign-up-approval-mailer";
export {
  mailDate,
  renderAccessApprovalEmail,
  renderAccessRequestorEmail,
  type AccessApprovalEmailInput,
  type AccessRequestorEmailInput,
} from "./access-package-email";
export { createAccessPackageMailer, readerLocale, type AccessPackageMailerDeps } from "./access-package-mailer";
