import { randomUUID } from "node:crypto";
import { invalid } from "./errors";
import { EXTERNAL_TARGET_SCOPES, type PolicyBody, type SubjectSet } from "./graph-types";
import type { EntitlementReads, PolicySettings } from "./records";

/** Graph allows one to three approval stages (contract §7.2). */
export const MAX_APPROVAL_STAGES = 3;

type Stage = NonNullable<NonNullable<PolicyBody["requestApprovalSettings"]>["stages"]>[number];

const stageOut = (stage: Stage) => ({
  durationBeforeAutomaticDenial: stage.durationBeforeAutomaticDenial ?? "P14D",
  isApproverJustificationRequired: stage.isApproverJustificationRequired ?? false,
  isEscalationEnabled: stage.isEscalationEnabled ?? false,
  durationBeforeEscalation: stage.durationBeforeEscalation ?? "PT0S",
  primaryApprovers: stage.primaryApprovers ?? [],
  fallbackPrimaryApprovers: stage.fallbackPrimaryApprovers ?? [],
  escalationApprovers: stage.escalationApprovers ?? [],
  fallbackEscalationApprovers: stage.fallbackEscalationApprovers ?? [],
});

/**
 * A policy body's nested settings as stored: Graph's defaults filled in (so a read shows every
 * property), question ids given, and every rule Graph enforces checked, each refusal naming its
 * property. References (users, groups, connected organisations) must be of this tenant.
 */
export async function policySettings(
  reads: EntitlementReads,
  tenantId: string,
  body: PolicyBody,
  catalog: { isExternallyVisible: boolean },
): Promise<PolicySettings> {
  const scope = body.allowedTargetScope;
  if (EXTERNAL_TARGET_SCOPES.includes(scope) && !catalog.isExternallyVisible)
    throw invalid("allowedTargetScope", `'${scope}' needs a catalog that is enabled for external users (isExternallyVisible).`);
  const targets = body.specificAllowedTargets ?? [];
  checkTargets(scope, targets);

  const approval = body.requestApprovalSettings ?? {};
  const stages = approval.stages ?? [];
  const required = approval.isApprovalRequiredForAdd ?? false;
  if (stages.length > MAX_APPROVAL_STAGES)
    throw invalid("requestApprovalSettings.stages", `At most ${MAX_APPROVAL_STAGES} approval stages are allowed.`);
  if (required && stages.length === 0)
    throw invalid("requestApprovalSettings.stages", "Approval is required, so at least one approval stage is needed.");
  stages.forEach((stage, index) => {
    if (!stage.primaryApprovers?.length)
      throw invalid(
        `requestApprovalSettings.stages[${index}].primaryApprovers`,
        "Every approval stage needs a primary approver.",
      );
    if (stage.isEscalationEnabled && !stage.escalationApprovers?.length)
      throw invalid(
        `requestApprovalSettings.stages[${index}].escalationApprovers`,
        "Escalation is enabled, so escalation approvers are needed.",
      );
  });

  const expiration = body.expiration ?? { type: "notSpecified" as const };
  if (expiration.type === "afterDateTime" && !expiration.endDateTime)
    throw invalid("expiration.endDateTime", "An expiration of type afterDateTime needs endDateTime.");
  if (expiration.type === "afterDuration" && !expiration.duration)
    throw invalid("expiration.duration", "An expiration of type afterDuration needs duration.");

  const requestor = body.requestorSettings ?? {};
  const referenced: SubjectSet[] = [
    ...targets,
    ...(requestor.onBehalfRequestors ?? []),
    ...stages.flatMap((s) => [
      ...(s.primaryApprovers ?? []),
      ...(s.fallbackPrimaryApprovers ?? []),
      ...(s.escalationApprovers ?? []),
      ...(s.fallbackEscalationApprovers ?? []),
    ]),
  ];
  await checkReferences(reads, tenantId, referenced);

  return {
    specificAllowedTargets: targets,
    automaticRequestSettings: body.automaticRequestSettings ?? null,
    expiration: {
      type: expiration.type,
      endDateTime: expiration.type === "afterDateTime" ? (expiration.endDateTime ?? null) : null,
      duration: expiration.type === "afterDuration" ? (expiration.duration ?? null) : null,
    },
    requestorSettings: {
      enableTargetsToSelfAddAccess: requestor.enableTargetsToSelfAddAccess ?? false,
      enableTargetsToSelfUpdateAccess: requestor.enableTargetsToSelfUpdateAccess ?? false,
      enableTargetsToSelfRemoveAccess: requestor.enableTargetsToSelfRemoveAccess ?? false,
      allowCustomAssignmentSchedule: requestor.allowCustomAssignmentSchedule ?? false,
      enableOnBehalfRequestorsToAddAccess: requestor.enableOnBehalfRequestorsToAddAccess ?? false,
      enableOnBehalfRequestorsToUpdateAccess: requestor.enableOnBehalfRequestorsToUpdateAccess ?? false,
      enableOnBehalfRequestorsToRemoveAccess: requestor.enableOnBehalfRequestorsToRemoveAccess ?? false,
      onBehalfRequestors: requestor.onBehalfRequestors ?? [],
    },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: required,
      isApprovalRequiredForUpdate: approval.isApprovalRequiredForUpdate ?? false,
      isRequestorJustificationRequired: approval.isRequestorJustificationRequired ?? false,
      stages: stages.map(stageOut),
    },
    questions: questionsOut(body.questions ?? []),
  };
}

/** The targets a scope needs: specific scopes name them, the others name none. */
function checkTargets(scope: PolicyBody["allowedTargetScope"], targets: SubjectSet[]): void {
  const field = "specificAllowedTargets";
  const types = targets.map((target) => target["@odata.type"]);
  if (scope === "specificDirectoryUsers") {
    if (!targets.length) throw invalid(field, "specificDirectoryUsers needs at least one target.");
    if (types.some((type) => !/(singleUser|groupMembers|attributeRuleMembers)$/.test(type)))
      throw invalid(field, "specificDirectoryUsers takes singleUser, groupMembers or attributeRuleMembers targets.");
  } else if (scope === "specificConnectedOrganizationUsers") {
    if (!targets.length) throw invalid(field, "specificConnectedOrganizationUsers needs at least one target.");
    if (types.some((type) => !type.endsWith("connectedOrganizationMembers")))
      throw invalid(field, "specificConnectedOrganizationUsers takes connectedOrganizationMembers targets.");
  } else if (scope === "specificDirectoryServicePrincipals" || scope === "allDirectoryServicePrincipals") {
    throw invalid("allowedTargetScope", `'${scope}' is not supported: Guestgate assigns access packages to users only.`);
  } else if (targets.length) {
    throw invalid(field, `'${scope}' takes no specificAllowedTargets.`);
  }
}

async function checkReferences(reads: EntitlementReads, tenantId: string, subjects: SubjectSet[]): Promise<void> {
  for (const subject of subjects) {
    if ("userId" in subject && !(await reads.userExists(tenantId, subject.userId.toLowerCase())))
      throw invalid("userId", `The user '${subject.userId}' does not exist.`);
    if ("groupId" in subject && !(await reads.groupExists(tenantId, subject.groupId.toLowerCase())))
      throw invalid("groupId", `The group '${subject.groupId}' does not exist.`);
    if ("connectedOrganizationId" in subject) {
      const organization = await reads.findConnectedOrganization(tenantId, subject.connectedOrganizationId.toLowerCase());
      if (!organization)
        throw invalid(
          "connectedOrganizationId",
          `The connected organization '${subject.connectedOrganizationId}' does not exist.`,
        );
    }
  }
}

function questionsOut(questions: NonNullable<PolicyBody["questions"]>): unknown[] {
  const ids = new Set<string>();
  return questions.map((question, index) => {
    const id = (question.id ?? randomUUID()).toLowerCase();
    if (ids.has(id)) throw invalid(`questions[${index}].id`, "Question ids must be unique.");
    ids.add(id);
    const common = {
      "@odata.type": question["@odata.type"],
      id,
      text: question.text,
      isRequired: question.isRequired ?? false,
      isAnswerEditable: question.isAnswerEditable ?? null,
      sequence: question.sequence ?? index,
      localizations: question.localizations ?? [],
    };
    if ("choices" in question || question["@odata.type"].endsWith("MultipleChoiceQuestion")) {
      const multiple = question as Extract<typeof question, { choices?: unknown }>;
      const choices = multiple.choices ?? [];
      if (!choices.length) throw invalid(`questions[${index}].choices`, "A multiple-choice question needs at least one choice.");
      if (new Set(choices.map((c) => c.actualValue)).size !== choices.length)
        throw invalid(`questions[${index}].choices`, "The choices' actualValue must be unique.");
      return {
        ...common,
        isMultipleSelectionAllowed: multiple.isMultipleSelectionAllowed ?? false,
        choices: choices.map((c) => ({ actualValue: c.actualValue, text: c.text, localizations: c.localizations ?? [] })),
      };
    }
    const textual = question as Extract<typeof question, { regexPattern?: unknown }>;
    if (textual.regexPattern) {
      try {
        new RegExp(textual.regexPattern, "u");
      } catch {
        throw invalid(`questions[${index}].regexPattern`, "regexPattern is not a valid regular expression.");
      }
    }
    return { ...common, isSingleLineQuestion: textual.isSingleLineQuestion ?? true, regexPattern: textual.regexPattern ?? null };
  });
}
