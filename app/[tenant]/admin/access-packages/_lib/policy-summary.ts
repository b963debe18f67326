import type { PolicyRecord, SubjectSet } from "../../../../_lib/access";
import type { Locale } from "../../../../_lib/i18n";
import { formatDuration } from "./durations";

/** A translator of `admin.access.summary` (next-intl's, loosened so plain functions can stand in). */
export type SummaryTranslate = (key: string, values?: Record<string, string | number>) => string;

/** The settings the summary reads, in the shapes the service stores (Graph's, defaults filled in). */
interface Settings {
  specificAllowedTargets: SubjectSet[];
  expiration: { type: string; endDateTime: string | null; duration: string | null };
  requestorSettings: {
    enableTargetsToSelfAddAccess: boolean;
    enableTargetsToSelfUpdateAccess: boolean;
    enableTargetsToSelfRemoveAccess: boolean;
    allowCustomAssignmentSchedule?: boolean;
  };
  requestApprovalSettings: {
    isApprovalRequiredForAdd: boolean;
    isApprovalRequiredForUpdate?: boolean;
    isRequestorJustificationRequired: boolean;
    stages: {
      durationBeforeAutomaticDenial: string;
      isApproverJustificationRequired: boolean;
      primaryApprovers: SubjectSet[];
      fallbackPrimaryApprovers: SubjectSet[];
    }[];
  };
  questions: unknown[];
}

/**
 * Who a subject set names, in words: a user's or group's or organisation's name from `names`
 * (keyed by lower-case id; the id itself when the name is unknown), or what the set stands for.
 */
export function subjectText(subject: SubjectSet, names: ReadonlyMap<string, string>, t: SummaryTranslate): string {
  const named = (id: string) => names.get(id.toLowerCase()) ?? id;
  if ("userId" in subject) return named(subject.userId);
  if ("groupId" in subject) return t("subjects.group", { name: named(subject.groupId) });
  if ("connectedOrganizationId" in subject) return named(subject.connectedOrganizationId);
  const kind = subject["@odata.type"].replace("#microsoft.graph.", "");
  if (kind === "requestorManager") return t("subjects.requestorManager");
  if (kind === "internalSponsors") return t("subjects.internalSponsors");
  if (kind === "externalSponsors") return t("subjects.externalSponsors");
  if (kind === "targetUserSponsors") return t("subjects.targetUserSponsors");
  return t("subjects.attributeRule");
}

/**
 * The policy in plain sentences of the page's language: who may request the package, who
 * approves in which order and how long they have, what the requestor gives, when access ends and
 * what people may do with their own access. Every sentence comes from the stored settings.
 */
export function policySummary(
  policy: Pick<PolicyRecord, "allowedTargetScope" | "settings">,
  names: ReadonlyMap<string, string>,
  t: SummaryTranslate,
  locale: Locale,
): string[] {
  const settings = policy.settings as unknown as Settings;
  const format = (type: "conjunction" | "disjunction") => (subjects: SubjectSet[]) =>
    new Intl.ListFormat(locale, { type }).format(subjects.map((s) => subjectText(s, names, t)));
  // Who may request: all of them; who approves: any one of them decides the stage.
  const list = format("conjunction");
  const anyOf = format("disjunction");
  const sentences: string[] = [];

  const scope = policy.allowedTargetScope;
  const selfAdd = settings.requestorSettings.enableTargetsToSelfAddAccess;
  if (scope === "notSpecified" || !selfAdd) sentences.push(t("who.adminsOnly"));
  else if (scope === "specificDirectoryUsers" || scope === "specificConnectedOrganizationUsers")
    sentences.push(t(`who.${scope}`, { names: list(settings.specificAllowedTargets) }));
  else sentences.push(t(`who.${scope}`));

  const approval = settings.requestApprovalSettings;
  const stages = approval.isApprovalRequiredForAdd ? approval.stages : [];
  if (stages.length === 0) sentences.push(t("approval.none"));
  else {
    sentences.push(t("approval.stages", { count: stages.length }));
    stages.forEach((stage, index) => {
      const values = {
        number: index + 1,
        approvers: anyOf(stage.primaryApprovers),
        duration: formatDuration(stage.durationBeforeAutomaticDenial, locale),
      };
      sentences.push(t("approval.stage", values));
      if (stage.fallbackPrimaryApprovers.length)
        sentences.push(t("approval.fallback", { approvers: anyOf(stage.fallbackPrimaryApprovers) }));
      if (stage.isApproverJustificationRequired) sentences.push(t("approval.approverJustification"));
    });
  }
  if (approval.isRequestorJustificationRequired) sentences.push(t("requestor.justification"));
  if (settings.questions.length) sentences.push(t("requestor.questions", { count: settings.questions.length }));

  const expiration = settings.expiration;
  if (expiration.type === "afterDuration" && expiration.duration)
    sentences.push(t("expiration.afterDuration", { duration: formatDuration(expiration.duration, locale) }));
  else if (expiration.type === "afterDateTime" && expiration.endDateTime)
    sentences.push(
      t("expiration.afterDateTime", {
        date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(expiration.endDateTime)),
      }),
    );
  else sentences.push(t("expiration.never"));
  if (settings.requestorSettings.allowCustomAssignmentSchedule) sentences.push(t("self.customSchedule"));

  const { enableTargetsToSelfUpdateAccess: extend, enableTargetsToSelfRemoveAccess: remove } = settings.requestorSettings;
  if (extend && remove) sentences.push(t("self.extendAndRemove"));
  else if (extend) sentences.push(t("self.extend"));
  else if (remove) sentences.push(t("self.remove"));
  if (extend && stages.length && approval.isApprovalRequiredForUpdate) sentences.push(t("self.approveExtensions"));
  return sentences;
}
