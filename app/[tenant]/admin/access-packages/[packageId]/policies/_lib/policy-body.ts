import { z } from "zod";
import type { PolicyBody, PolicyRecord, SubjectSet } from "../../../../../../_lib/access";
import type { AdministratorActor } from "../../../../../../_lib/directory";
import { services } from "../../../../../../_lib/server";
import { lines } from "../../../../_lib/form-feedback";
import { GUID } from "../../../_lib/refusal";
import { FORM_SCOPES, FORM_STAGES, MAX_DAYS, storedSettings, type PolicyFormValues } from "./policy-fields";

const days = z.coerce.number().int().min(1).max(MAX_DAYS);
const guids = (value: string | undefined) => (value ?? "").split(",").filter((id) => GUID.test(id));

/** The form's fields as sent (checkboxes "on" or absent; several checked boxes of one name joined by commas). */
export function formValues(form: URLSearchParams): PolicyFormValues {
  const values: PolicyFormValues = {};
  for (const key of new Set(form.keys())) if (key !== "returnTo") values[key] = form.getAll(key).join(",").slice(0, 8000);
  return values;
}

const single = (userId: string): SubjectSet => ({ "@odata.type": "#microsoft.graph.singleUser", userId });
const members = (groupId: string): SubjectSet => ({ "@odata.type": "#microsoft.graph.groupMembers", groupId });
const manager: SubjectSet = { "@odata.type": "#microsoft.graph.requestorManager", managerLevel: 1 };
const sponsors: SubjectSet = { "@odata.type": "#microsoft.graph.targetUserSponsors" };
const organization = (id: string): SubjectSet => ({
  "@odata.type": "#microsoft.graph.connectedOrganizationMembers",
  connectedOrganizationId: id,
});

/**
 * The users a textarea names, one per line, by e-mail address or object id, each looked up in the
 * tenant's directory as the administrator; undefined when one of them is not there.
 */
async function usersOf(actor: AdministratorActor, tenantId: string, text: string | undefined): Promise<SubjectSet[] | undefined> {
  const found: SubjectSet[] = [];
  for (const line of lines(text ?? null).slice(0, 25)) {
    try {
      const key = GUID.test(line) ? { id: line.toLowerCase() } : { email: line.toLowerCase() };
      found.push(single((await services().directory.describe(actor, tenantId, key)).id));
    } catch {
      return undefined;
    }
  }
  return found;
}

export type BodyOutcome = { body: PolicyBody } | { problems: Record<string, string> };

/**
 * The policy form as Graph's assignment-policy body (what the service validates and stores). On
 * an edit, what the form does not show (questions, escalation, on-behalf requestors, automatic
 * requests) stays as it was: the service's replace is a full PUT.
 */
export async function policyBodyOf(
  actor: AdministratorActor,
  tenantId: string,
  accessPackageId: string,
  values: PolicyFormValues,
  current?: Pick<PolicyRecord, "settings">,
): Promise<BodyOutcome> {
  const problems: Record<string, string> = {};
  const displayName = (values.displayName ?? "").trim();
  const description = (values.description ?? "").trim();
  if (!displayName) problems.displayName = "required";
  else if (displayName.length > 256) problems.displayName = "tooLong";
  if (description.length > 1024) problems.description = "tooLong";
  const scope = FORM_SCOPES.find((s) => s === values.scope);
  if (!scope) problems.scope = "required";

  let targets: SubjectSet[] = [];
  if (scope === "specificConnectedOrganizationUsers") {
    targets = guids(values.organizations).map(organization);
    if (!targets.length) problems.organizations = "targets";
  } else if (scope === "specificDirectoryUsers") {
    const users = await usersOf(actor, tenantId, values.targets);
    if (!users) problems.targets = "notFound";
    targets = [...(users ?? []), ...guids(values.targetGroups).map(members)];
    if (users && !targets.length) problems.targets = "targets";
  }

  const count = Number(values.stages ?? "0");
  const stageCount = [0, ...FORM_STAGES].includes(count as 0) ? count : 0;
  const previous = current ? storedSettings(current) : undefined;
  const stages = [];
  for (const number of FORM_STAGES.slice(0, stageCount)) {
    const approvers = await usersOf(actor, tenantId, values[`stage${number}Approvers`]);
    const fallback = await usersOf(actor, tenantId, values[`stage${number}Fallback`]);
    const group = guids(values[`stage${number}Group`]).map(members);
    // The requestor's manager and sponsors are looked up at each request, and may be nobody.
    const relative = [
      ...(values[`stage${number}Manager`] === "on" ? [manager] : []),
      ...(values[`stage${number}Sponsors`] === "on" ? [sponsors] : []),
    ];
    if (!approvers) problems[`stage${number}Approvers`] = "notFound";
    else if (!approvers.length && !group.length && !relative.length) problems[`stage${number}Approvers`] = "approvers";
    if (!fallback) problems[`stage${number}Fallback`] = "notFound";
    // Someone with no manager or sponsors (anyone not yet in the directory) would have nobody to decide.
    else if (relative.length && !fallback.length) problems[`stage${number}Fallback`] = "fallbackNeeded";
    const decisionDays = days.safeParse(values[`stage${number}Days`]);
    if (!decisionDays.success) problems[`stage${number}Days`] = "number";
    stages.push({
      ...(previous?.requestApprovalSettings.stages[number - 1] ?? {}),
      primaryApprovers: [...(approvers ?? []), ...group, ...relative],
      fallbackPrimaryApprovers: fallback ?? [],
      durationBeforeAutomaticDenial: `P${decisionDays.success ? decisionDays.data : 14}D`,
      isApproverJustificationRequired: values[`stage${number}Justification`] === "on",
    });
  }

  let expiration: PolicyBody["expiration"] = { type: "noExpiration" };
  if (values.expiration === "afterDuration") {
    const duration = days.safeParse(values.expirationDays);
    if (!duration.success) problems.expirationDays = "number";
    else expiration = { type: "afterDuration", duration: `P${duration.data}D` };
  } else if (values.expiration === "afterDateTime") {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(values.expirationDate ?? "") ? new Date(`${values.expirationDate}T23:59:59Z`) : null;
    if (!date || Number.isNaN(date.getTime())) problems.expirationDate = "date";
    else expiration = { type: "afterDateTime", endDateTime: date.toISOString() };
  }
  if (Object.keys(problems).length || !scope) return { problems };

  const kept = current?.settings;
  return {
    body: {
      displayName,
      description,
      accessPackage: { id: accessPackageId },
      allowedTargetScope: scope,
      specificAllowedTargets: targets,
      expiration,
      requestorSettings: {
        ...((previous?.requestorSettings ?? {}) as NonNullable<PolicyBody["requestorSettings"]>),
        enableTargetsToSelfAddAccess: scope !== "notSpecified" && values.selfAdd === "on",
        enableTargetsToSelfUpdateAccess: values.selfExtend === "on",
        enableTargetsToSelfRemoveAccess: values.selfRemove === "on",
        allowCustomAssignmentSchedule: values.customSchedule === "on",
      },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: stages.length > 0,
        // An extension can only be approved by stages there are.
        isApprovalRequiredForUpdate: stages.length > 0 && values.approveExtensions === "on",
        isRequestorJustificationRequired: values.requestorJustification === "on",
        stages,
      },
      ...(kept ? { questions: kept.questions as PolicyBody["questions"] } : {}),
      ...(kept?.automaticRequestSettings
        ? { automaticRequestSettings: kept.automaticRequestSettings as PolicyBody["automaticRequestSettings"] }
        : {}),
    },
  };
}

/** Where in the form a refusal of the service belongs (the property it names), as a field and a problem code. */
export function problemOfRefusal(field: string | undefined): Record<string, string> {
  if (field === "allowedTargetScope") return { scope: "externalCatalog" };
  if (field === "specificAllowedTargets") return { targets: "targets" };
  if (field?.startsWith("requestApprovalSettings")) return { stage1Approvers: "approvers" };
  if (field?.startsWith("expiration")) return { expirationDays: "number" };
  return { scope: "invalid" };
}
