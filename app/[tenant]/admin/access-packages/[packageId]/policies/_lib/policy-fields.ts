import type { PolicyRecord, SubjectSet } from "../../../../../../_lib/access";

/** The scopes the form offers, in the order it shows them (Guestgate assigns packages to users only). */
export const FORM_SCOPES = [
  "allExternalUsers",
  "allConfiguredConnectedOrganizationUsers",
  "specificConnectedOrganizationUsers",
  "allDirectoryUsers",
  "allMemberUsers",
  "specificDirectoryUsers",
  "notSpecified",
] as const;
export type FormScope = (typeof FORM_SCOPES)[number];

export const FORM_STAGES = [1, 2, 3] as const;
export const DEFAULT_DECISION_DAYS = "14";
export const MAX_DAYS = 3650;

/** What the policy form shows, as strings keyed by field name (also what a failed POST hands back). */
export type PolicyFormValues = Record<string, string>;

/** Whole days of an ISO duration (P14D, P2W, P1M as 30, PT36H rounded up); what is not a duration gives "". */
export function daysOf(iso: string | null | undefined): string {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:\d+(?:\.\d+)?S)?)?$/.exec(iso ?? "");
  if (!match) return "";
  const [years, months, weeks, days, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0));
  const total = years! * 365 + months! * 30 + weeks! * 7 + days! + Math.ceil((hours! * 60 + minutes!) / 1440);
  return total > 0 ? String(total) : "";
}

interface StoredStage {
  durationBeforeAutomaticDenial: string;
  isApproverJustificationRequired: boolean;
  primaryApprovers: SubjectSet[];
  fallbackPrimaryApprovers: SubjectSet[];
}
interface StoredSettings {
  specificAllowedTargets: SubjectSet[];
  expiration: { type: string; endDateTime: string | null; duration: string | null };
  requestorSettings: Record<string, unknown>;
  requestApprovalSettings: {
    isApprovalRequiredForAdd: boolean;
    isApprovalRequiredForUpdate?: boolean;
    isRequestorJustificationRequired: boolean;
    stages: StoredStage[];
  };
}

export const storedSettings = (policy: Pick<PolicyRecord, "settings">) => policy.settings as unknown as StoredSettings;

/** A new policy's form: anyone from outside may request, one stage, access for 365 days. */
export function blankValues(): PolicyFormValues {
  return {
    displayName: "",
    description: "",
    scope: "allExternalUsers",
    selfAdd: "on",
    stages: "1",
    stage1Days: DEFAULT_DECISION_DAYS,
    stage2Days: DEFAULT_DECISION_DAYS,
    stage3Days: DEFAULT_DECISION_DAYS,
    requestorJustification: "on",
    expiration: "afterDuration",
    expirationDays: "365",
  };
}

/**
 * A stored policy as the form's values: users by their address where `emails` knows it (else by
 * id), groups and connected organisations by id (the form's choices).
 */
export function valuesOf(
  policy: Pick<PolicyRecord, "displayName" | "description" | "allowedTargetScope" | "settings">,
  emails: ReadonlyMap<string, string>,
): PolicyFormValues {
  const settings = storedSettings(policy);
  const users = (subjects: SubjectSet[]) =>
    subjects.flatMap((s) => ("userId" in s ? [emails.get(s.userId.toLowerCase()) ?? s.userId] : [])).join("\n");
  const groups = (subjects: SubjectSet[]) => subjects.flatMap((s) => ("groupId" in s ? [s.groupId.toLowerCase()] : []));
  const approval = settings.requestApprovalSettings;
  const stages = approval.isApprovalRequiredForAdd ? approval.stages : [];
  const values: PolicyFormValues = {
    displayName: policy.displayName,
    description: policy.description,
    scope: policy.allowedTargetScope,
    stages: String(stages.length),
    targets: users(settings.specificAllowedTargets),
    targetGroups: groups(settings.specificAllowedTargets).join(","),
    organizations: settings.specificAllowedTargets
      .flatMap((s) => ("connectedOrganizationId" in s ? [s.connectedOrganizationId.toLowerCase()] : []))
      .join(","),
    expiration:
      settings.expiration.type === "afterDuration" || settings.expiration.type === "afterDateTime"
        ? settings.expiration.type
        : "never",
    expirationDays: daysOf(settings.expiration.duration),
    expirationDate: settings.expiration.endDateTime?.slice(0, 10) ?? "",
  };
  const flag = (key: string, on: unknown) => {
    if (on === true) values[key] = "on";
  };
  flag("selfAdd", settings.requestorSettings.enableTargetsToSelfAddAccess);
  flag("selfExtend", settings.requestorSettings.enableTargetsToSelfUpdateAccess);
  flag("selfRemove", settings.requestorSettings.enableTargetsToSelfRemoveAccess);
  flag("customSchedule", settings.requestorSettings.allowCustomAssignmentSchedule);
  flag("approveExtensions", approval.isApprovalRequiredForUpdate);
  flag("requestorJustification", approval.isRequestorJustificationRequired);
  for (const number of FORM_STAGES) {
    const stage = stages[number - 1];
    values[`stage${number}Days`] = stage
      ? daysOf(stage.durationBeforeAutomaticDenial) || DEFAULT_DECISION_DAYS
      : DEFAULT_DECISION_DAYS;
    if (!stage) continue;
    values[`stage${number}Approvers`] = users(stage.primaryApprovers);
    values[`stage${number}Group`] = groups(stage.primaryApprovers)[0] ?? "";
    const kinds = stage.primaryApprovers.map((subject) => subject["@odata.type"]);
    flag(`stage${number}Manager`, kinds.includes("#microsoft.graph.requestorManager"));
    flag(`stage${number}Sponsors`, kinds.includes("#microsoft.graph.targetUserSponsors"));
    values[`stage${number}Fallback`] = users(stage.fallbackPrimaryApprovers);
    flag(`stage${number}Justification`, stage.isApproverJustificationRequired);
  }
  return values;
}

/** Every user id a stored policy names (to show their addresses in the form). */
export function userIdsOf(policy: Pick<PolicyRecord, "settings">): string[] {
  const settings = storedSettings(policy);
  return [
    ...settings.specificAllowedTargets,
    ...settings.requestApprovalSettings.stages.flatMap((s) => [...s.primaryApprovers, ...s.fallbackPrimaryApprovers]),
  ].flatMap((s) => ("userId" in s ? [String(s.userId).toLowerCase()] : []));
}
