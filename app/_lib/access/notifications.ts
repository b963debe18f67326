import { approvalTargetOf, deciding, namedIds, type ApprovalTarget } from "./approvers";
import type { EntitlementPorts } from "./common";
import { domainOf } from "./eligibility";
import type { ContactRecord } from "./lifecycle-records";
import type { EntitlementReads, RequestRecord, StageSettings } from "./records";

/** Someone a mail goes to: the language is theirs (`preferredLanguage`) when the directory knows it. */
export interface NoticeRecipient {
  email: string;
  displayName: string | null;
  preferredLanguage: string | null;
}

/** What an approver is asked about. */
export interface ApprovalNotice {
  tenantId: string;
  requestId: string;
  accessPackage: string;
  /** Who the access is for: their name when known, and their address. */
  person: { displayName: string | null; email: string | null };
  /** The connected organisation of the person's domain, when there is one. */
  organization: string | null;
  justification: string;
  /** 1-based, of `stages`. */
  stage: number;
  stages: number;
  /** When the stage's time runs out (the request is denied then). */
  dueAt: Date | null;
  /** The stage's first approvers did not decide in time: these are its escalation approvers. */
  escalated: boolean;
  approvers: NoticeRecipient[];
}

export type RequestorNoticeKind = "delivered" | "denied" | "autoDenied" | "expiringSoon" | "expired" | "removed";

/** What the person the access is for hears. */
export interface RequestorNotice {
  kind: RequestorNoticeKind;
  tenantId: string;
  accessPackage: string;
  to: NoticeRecipient;
  /** The approver's justification of a denial. */
  justification?: string;
  /** When the access ends (delivered with an end, expiring soon). */
  expiresAt?: Date | null;
  /** Where the mail's button leads instead of My Access: a new guest's invitation, to prove the address first. */
  actionUrl?: string;
}

/** The mails of entitlement management (wired in server.ts to app/_lib/mail's access-package mailer). */
export interface AccessNotifications {
  approvalRequested(notice: ApprovalNotice): Promise<void>;
  requestorInformed(notice: RequestorNotice): Promise<void>;
}

const recipientOf = (contact: ContactRecord): NoticeRecipient | null =>
  contact.email ? { email: contact.email, displayName: contact.displayName, preferredLanguage: contact.preferredLanguage } : null;

/**
 * Who is asked, as isApprover counts deciders: the primary approvers, or the fallback ones when
 * the primary name nobody; on escalation, the escalation approvers (or their fallback). Managers
 * and sponsors are the request target's, organisation sponsors those of the target's address.
 */
async function approversOf(
  reads: EntitlementReads,
  tenantId: string,
  stage: StageSettings,
  escalated: boolean,
  target: ApprovalTarget,
): Promise<ContactRecord[]> {
  const subjects = escalated
    ? await deciding(reads, tenantId, stage.escalationApprovers ?? [], stage.fallbackEscalationApprovers, target)
    : await deciding(reads, tenantId, stage.primaryApprovers, stage.fallbackPrimaryApprovers, target);
  return reads.contactsOf(tenantId, await namedIds(reads, tenantId, subjects, target));
}

/**
 * Gathers what each mail says from the store and hands it to the port, after the change it tells
 * of has committed. A mail that fails is reported to `onNotifyFailure` and never thrown: the
 * decision stands, and the portal and My Access show it either way.
 */
export function createNotifier(reads: EntitlementReads, ports: EntitlementPorts) {
  const notify = ports.notify;

  async function guarded(what: string, tenantId: string, work: (port: AccessNotifications) => Promise<void>) {
    if (!notify) return;
    try {
      await work(notify);
    } catch (error) {
      ports.onNotifyFailure?.(error, what, tenantId);
    }
  }

  const packageName = async (tenantId: string, id: string) => (await reads.findPackage(tenantId, id))?.displayName ?? "";

  /**
   * The person a request or an assignment is for, as a recipient: the directory user, or the
   * address not yet in it; in the language the request was filed in when the directory knows none.
   */
  async function personOf(
    tenantId: string,
    guestId: string | null,
    email: string | null,
    locale: string | null,
  ): Promise<NoticeRecipient | null> {
    if (guestId) {
      const [contact] = await reads.contactsOf(tenantId, [guestId]);
      const recipient = contact && recipientOf(contact);
      if (recipient) return { ...recipient, preferredLanguage: recipient.preferredLanguage ?? locale };
    }
    return email ? { email, displayName: null, preferredLanguage: locale } : null;
  }

  return {
    /**
     * The request's stage in progress has begun (or, `escalated`, gone to its escalation
     * approvers): its approvers are asked (never the person it is for).
     */
    stageStarted: (request: RequestRecord, escalated = false) =>
      guarded(escalated ? "approvalEscalated" : "approvalRequested", request.tenantId, async (port) => {
        const stages = await reads.listStages(request.tenantId, request.id);
        const stage = stages.find((s) => s.status === "InProgress");
        if (!stage) return;
        const email = request.target?.email ?? request.targetEmail;
        const excluded = new Set([request.target?.id, request.requestorId].filter(Boolean));
        const approvers = (await approversOf(reads, request.tenantId, stage.settings, escalated, approvalTargetOf(request)))
          .filter((contact) => !excluded.has(contact.id))
          .flatMap((contact) => recipientOf(contact) ?? []);
        if (!approvers.length) return;
        const organizations = email ? await reads.organizationsOfDomain(request.tenantId, domainOf(email)) : [];
        await port.approvalRequested({
          tenantId: request.tenantId,
          requestId: request.id,
          accessPackage: await packageName(request.tenantId, request.accessPackageId),
          person: { displayName: request.target?.displayName ?? null, email },
          organization: organizations[0]?.displayName ?? null,
          justification: request.justification,
          stage: stage.sequence + 1,
          stages: stages.length,
          dueAt: stage.dueAt,
          escalated,
          approvers,
        });
      }),
    /** The person the request or assignment is for hears of it. */
    tellPerson: (
      kind: RequestorNoticeKind,
      subject: {
        tenantId: string;
        accessPackageId: string;
        guestId: string | null;
        email: string | null;
        locale?: string | null;
      },
      extra: Pick<RequestorNotice, "justification" | "expiresAt" | "actionUrl"> = {},
    ) =>
      guarded(kind, subject.tenantId, async (port) => {
        const to = await personOf(subject.tenantId, subject.guestId, subject.email, subject.locale ?? null);
        if (!to) return;
        await port.requestorInformed({
          kind,
          tenantId: subject.tenantId,
          accessPackage: await packageName(subject.tenantId, subject.accessPackageId),
          to,
          ...extra,
        });
      }),
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

/** The subject of a request, for `tellPerson`. */
export const requestSubject = (request: RequestRecord) => ({
  tenantId: request.tenantId,
  accessPackageId: request.accessPackageId,
  guestId: request.target?.id ?? null,
  email: request.target?.email ?? request.targetEmail,
  locale: request.locale,
});
