import { z } from "zod";

/**
 * Graph's enumerations and nested shapes of entitlement management (contract §7.2–7.3), as zod
 * schemas: the Graph routes validate bodies with them (strictly: an unknown property is a 400),
 * and the store keeps a policy's nested settings as JSON that passed them.
 */
export const CATALOG_TYPES = ["userManaged", "serviceDefault", "serviceManaged"] as const;
export const CATALOG_STATES = ["unpublished", "published"] as const;
export const ORIGIN_SYSTEMS = ["AadGroup", "AadApplication"] as const;
export const ALLOWED_TARGET_SCOPES = [
  "notSpecified",
  "specificDirectoryUsers",
  "specificConnectedOrganizationUsers",
  "specificDirectoryServicePrincipals",
  "allMemberUsers",
  "allDirectoryUsers",
  "allDirectoryServicePrincipals",
  "allConfiguredConnectedOrganizationUsers",
  "allExternalUsers",
] as const;
/** Scopes that let people outside the directory (or from connected organisations) request. */
export const EXTERNAL_TARGET_SCOPES: readonly AllowedTargetScope[] = [
  "specificConnectedOrganizationUsers",
  "allConfiguredConnectedOrganizationUsers",
  "allExternalUsers",
];
export const CONNECTED_ORGANIZATION_STATES = ["configured", "proposed"] as const;
export const LIFECYCLE_ACTIONS = ["none", "blockSignIn", "blockSignInAndDelete"] as const;
export const REQUEST_TYPES = [
  "notSpecified",
  "userAdd",
  "userExtend",
  "userUpdate",
  "userRemove",
  "adminAdd",
  "adminUpdate",
  "adminRemove",
  "systemAdd",
  "systemUpdate",
  "systemRemove",
  "onBehalfAdd",
] as const;
export const REQUEST_STATES = [
  "submitted",
  "pendingApproval",
  "delivering",
  "delivered",
  "deliveryFailed",
  "denied",
  "scheduled",
  "canceled",
  "partiallyDelivered",
] as const;
export const ASSIGNMENT_STATES = ["delivering", "partiallyDelivered", "delivered", "expired", "deliveryFailed"] as const;

export type AllowedTargetScope = (typeof ALLOWED_TARGET_SCOPES)[number];
export type RequestState = (typeof REQUEST_STATES)[number];
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** ISO 8601 duration as Graph writes them (P14D, PT0S, P1Y2M, P2W). */
export const duration = z
  .string()
  .max(64)
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, "an ISO 8601 duration such as P14D");
const dateTime = z.iso.datetime({ offset: true });
const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "a GUID");
const text = (max: number) => z.string().max(max);

/** `@odata.type` with or without `#`, in any case (contract §7.4), normalised to `#microsoft.graph.<name>`. */
const odataType = (name: string) =>
  z
    .string()
    .refine((value) => value.replace(/^#/, "").toLowerCase() === `microsoft.graph.${name}`.toLowerCase(), {
      message: `expected #microsoft.graph.${name}`,
    })
    .transform(() => `#microsoft.graph.${name}`);

const typed = <T extends z.ZodRawShape>(name: string, shape: T) => z.strictObject({ "@odata.type": odataType(name), ...shape });
const description = text(1024).nullable().optional();

/** A subjectSet: targets, approvers, on-behalf requestors (contract §7.3). */
export const subjectSet = z.union([
  typed("singleUser", { userId: guid, description }),
  typed("groupMembers", { groupId: guid, description }),
  typed("connectedOrganizationMembers", { connectedOrganizationId: guid, description }),
  typed("requestorManager", { managerLevel: z.number().int().min(1).max(2) }),
  typed("internalSponsors", {}),
  typed("externalSponsors", {}),
  typed("targetUserSponsors", {}),
  typed("attributeRuleMembers", { membershipRule: text(2048), description }),
]);
export type SubjectSet = z.output<typeof subjectSet>;
const subjects = z.array(subjectSet).max(25);

export const expiration = z.strictObject({
  type: z.enum(["notSpecified", "noExpiration", "afterDateTime", "afterDuration"]),
  endDateTime: dateTime.nullable().optional(),
  duration: duration.nullable().optional(),
});

export const requestorSettings = z.strictObject({
  enableTargetsToSelfAddAccess: z.boolean().optional(),
  enableTargetsToSelfUpdateAccess: z.boolean().optional(),
  enableTargetsToSelfRemoveAccess: z.boolean().optional(),
  allowCustomAssignmentSchedule: z.boolean().optional(),
  enableOnBehalfRequestorsToAddAccess: z.boolean().optional(),
  enableOnBehalfRequestorsToUpdateAccess: z.boolean().optional(),
  enableOnBehalfRequestorsToRemoveAccess: z.boolean().optional(),
  onBehalfRequestors: subjects.optional(),
});

export const approvalStage = z.strictObject({
  durationBeforeAutomaticDenial: duration.optional(),
  isApproverJustificationRequired: z.boolean().optional(),
  isEscalationEnabled: z.boolean().optional(),
  durationBeforeEscalation: duration.optional(),
  primaryApprovers: subjects.optional(),
  fallbackPrimaryApprovers: subjects.optional(),
  escalationApprovers: subjects.optional(),
  fallbackEscalationApprovers: subjects.optional(),
});

export const requestApprovalSettings = z.strictObject({
  isApprovalRequiredForAdd: z.boolean().optional(),
  isApprovalRequiredForUpdate: z.boolean().optional(),
  isRequestorJustificationRequired: z.boolean().optional(),
  // Graph allows 1–3 stages; the service says why a fourth is refused (a Graph 400 naming the property).
  stages: z.array(approvalStage).max(10).optional(),
});

const localization = z.strictObject({ languageCode: text(35).min(2), text: text(1024) });
const localizations = z.array(localization).max(20).optional();
const questionBase = {
  id: guid.optional(),
  text: text(1024).min(1),
  isRequired: z.boolean().optional(),
  isAnswerEditable: z.boolean().nullable().optional(),
  sequence: z.number().int().min(0).max(1000).optional(),
  localizations,
};

export const question = z.union([
  typed("accessPackageTextInputQuestion", {
    ...questionBase,
    isSingleLineQuestion: z.boolean().optional(),
    regexPattern: text(1024).nullable().optional(),
  }),
  typed("accessPackageMultipleChoiceQuestion", {
    ...questionBase,
    isMultipleSelectionAllowed: z.boolean().optional(),
    choices: z
      .array(z.strictObject({ actualValue: text(256).min(1), text: text(1024).min(1), localizations }))
      .max(50)
      .optional(),
  }),
]);

/** The body of POST /assignmentPolicies and of its full PUT (contract §7.2). */
export const policyBody = z.strictObject({
  id: guid.optional(),
  displayName: text(256).min(1),
  description: text(1024).nullable().optional(),
  accessPackage: z.strictObject({ id: guid }),
  allowedTargetScope: z.enum(ALLOWED_TARGET_SCOPES),
  specificAllowedTargets: subjects.optional(),
  automaticRequestSettings: z
    .strictObject({
      requestAccessForAllowedTargets: z.boolean().optional(),
      removeAccessWhenTargetLeavesAllowedTargets: z.boolean().optional(),
      gracePeriodBeforeAccessRemoval: duration.nullable().optional(),
    })
    .nullable()
    .optional(),
  expiration: expiration.nullable().optional(),
  requestorSettings: requestorSettings.nullable().optional(),
  requestApprovalSettings: requestApprovalSettings.nullable().optional(),
  questions: z.array(question).max(20).optional(),
  // Graph has these; Guestgate reviews nothing and sends no custom extension yet, so only the empty values pass.
  reviewSettings: z.null().optional(),
  notificationSettings: z.null().optional(),
  customExtensionStageSettings: z.array(z.never()).max(0).optional(),
});
export type PolicyBody = z.output<typeof policyBody>;

/** An identity source of a connected organisation; only domains are served today. */
export const identitySource = typed("domainIdentitySource", {
  domainName: text(253)
    .min(1)
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, "a domain name"),
  displayName: text(256).optional(),
});
