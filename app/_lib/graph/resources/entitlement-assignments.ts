import { z } from "zod";
import {
  ASSIGNMENT_STATES,
  duration,
  REQUEST_STATES,
  MAX_ANSWER_LENGTH,
  REQUEST_TYPES,
  type AssignmentRecord,
  type RequestRecord,
  type SubjectRecord,
} from "../../access";
import type { Actor } from "../../directory";
import type { GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { entity, noContent } from "../results";
import { callOf, EM, equalities, guidParam, listPage, viaAccess } from "./entitlement-common";

const requestsPath = `${EM}/assignmentRequests`;
const assignmentsPath = `${EM}/assignments`;

// Graph's request types in any case (contract §7.4: `AdminAdd`, `UserExtend`).
const requestType = z
  .string()
  .max(64)
  .transform((value, context) => {
    const found = REQUEST_TYPES.find((type) => type.toLowerCase() === value.toLowerCase());
    if (!found) context.addIssue({ code: "custom", message: `Invalid requestType '${value}'.` });
    return found ?? "notSpecified";
  });

const assignmentRef = z.strictObject({
  id: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  target: z
    .strictObject({
      objectId: z.string().max(64).optional(),
      email: z.string().max(254).optional(),
      displayName: z.string().max(256).nullable().optional(),
      subjectType: z.literal("user").optional(),
    })
    .optional(),
  assignmentPolicyId: z.string().max(64).optional(),
  accessPackageId: z.string().max(64).optional(),
});

/** Graph accessPackageAnswerString; a client may send the whole question as answeredQuestion, only its id counts. */
const answerBody = z.strictObject({
  "@odata.type": z
    .string()
    .refine((value) => value.replace(/^#/, "").toLowerCase() === "microsoft.graph.accesspackageanswerstring", {
      message: "expected #microsoft.graph.accessPackageAnswerString",
    }),
  value: z.string().max(MAX_ANSWER_LENGTH),
  displayValue: z.string().max(MAX_ANSWER_LENGTH).nullable().optional(),
  answeredQuestion: z.looseObject({ id: z.string().max(64) }),
});

/** Graph entitlementManagementSchedule: the requestor's own start and end (or an administrator's new end). */
const scheduleBody = z.strictObject({
  startDateTime: z.iso.datetime({ offset: true }).nullable().optional(),
  recurrence: z.null().optional(),
  expiration: z
    .strictObject({
      type: z.enum(["notSpecified", "noExpiration", "afterDateTime", "afterDuration"]).nullable().optional(),
      endDateTime: z.iso.datetime({ offset: true }).nullable().optional(),
      duration: duration.nullable().optional(),
    })
    .nullable()
    .optional(),
});

/** POST /assignmentRequests: `assignment`, or `accessPackageAssignment` as Microsoft's older samples write it. */
const requestBody = z.strictObject({
  requestType,
  assignment: assignmentRef.optional(),
  accessPackageAssignment: assignmentRef.optional(),
  justification: z.string().max(4000).nullable().optional(),
  answers: z.array(answerBody).max(50).nullable().optional(),
  schedule: scheduleBody.nullable().optional(),
});

const REQUEST_FILTERS = {
  state: "state",
  requestState: "state",
  requestType: "requestType",
  id: "id",
  "accessPackage/id": "accessPackageId",
} as const;
const ASSIGNMENT_FILTERS = {
  "target/objectId": "targetGuestId",
  "accessPackage/id": "accessPackageId",
  "assignmentPolicy/id": "policyId",
  state: "state",
  id: "id",
} as const;

/** Graph accessPackageSubject of a directory user. */
const subjectJson = (s: SubjectRecord) => ({
  id: s.id,
  objectId: s.id,
  displayName: s.displayName,
  email: s.email,
  principalName: s.email,
  subjectType: "user",
});

/** The subject of a request for someone not yet in the directory: only the address is known. */
const addressJson = (email: string) => ({
  id: null,
  objectId: null,
  displayName: null,
  email,
  principalName: null,
  subjectType: "user",
});

/** Graph accessPackageAssignmentRequest. */
export const requestJson = (r: RequestRecord) => ({
  id: r.id,
  requestType: r.requestType,
  state: r.state,
  status: r.status,
  justification: r.justification,
  createdDateTime: r.createdAt.toISOString(),
  completedDateTime: r.completedAt?.toISOString() ?? null,
  schedule: r.schedule,
  answers: r.answers,
  customExtensionCalloutInstances: [],
  accessPackage: { id: r.accessPackageId },
  assignment: r.assignmentId ? { id: r.assignmentId } : null,
  requestor: r.requestorId ? { id: r.requestorId, objectId: r.requestorId, subjectType: "user" } : null,
  target: r.target ? subjectJson(r.target) : r.targetEmail ? addressJson(r.targetEmail) : null,
});

/** Graph accessPackageAssignment. */
const assignmentJson = (a: AssignmentRecord) => ({
  id: a.id,
  state: a.state,
  status: a.status,
  expiredDateTime: a.expiredAt?.toISOString() ?? null,
  schedule: a.schedule,
  target: subjectJson(a.target),
  accessPackage: { id: a.accessPackageId },
  assignmentPolicy: { id: a.policyId },
  customExtensionCalloutInstances: [],
});

const stateFilter = <T extends { property: string; value: string }>(filters: T[], states: readonly string[]) => {
  for (const filter of filters)
    if (filter.property === "state" && !states.includes(filter.value))
      throw graphErrors.badRequest(`Invalid value '${filter.value}' for property 'state' in $filter.`);
  return filters;
};

/** The signed-in caller's id, binding a filterByCurrentUser cursor to them. */
const callerOf = (request: { actor: Actor }) =>
  request.actor.type === "guest" ? request.actor.guestId : request.actor.type === "administrator" ? request.actor.id : "";

/** Assignment requests (adminAdd, userAdd, userExtend, userRemove, adminRemove; cancel, reprocess) and assignments (contract §7.1). */
export const ENTITLEMENT_ASSIGNMENT_ROUTES: readonly GraphRoute[] = [
  {
    method: "POST",
    path: requestsPath,
    access: ACCESS.entitlementsRequest,
    summary:
      "Request an assignment: adminAdd (a directory user or a new address), userAdd (oneself, with answers), userExtend, userRemove, adminRemove",
    body: requestBody,
    async handle(request) {
      const body = request.body as z.infer<typeof requestBody>;
      const assignment = body.assignment ?? body.accessPackageAssignment ?? {};
      const call = callOf(request);
      const justification = body.justification ?? "";
      const answers = (body.answers ?? []).map((a) => ({ questionId: a.answeredQuestion.id, value: a.value }));
      const packageAndPolicy = () => {
        if (!assignment.accessPackageId || !assignment.assignmentPolicyId)
          throw graphErrors.badRequest("assignment.accessPackageId and assignment.assignmentPolicyId are required.");
        return {
          accessPackageId: guidParam(assignment.accessPackageId),
          policyId: guidParam(assignment.assignmentPolicyId),
          justification,
          answers,
          schedule: body.schedule ?? null,
        };
      };
      const entitlements = request.services.entitlements;
      let created: RequestRecord;
      switch (body.requestType) {
        case "adminAdd": {
          const targetId = assignment.targetId ?? assignment.target?.objectId;
          const email = assignment.target?.email;
          if (!targetId && !email) throw graphErrors.badRequest("assignment.targetId or assignment.target.email is required.");
          const input = packageAndPolicy();
          created = await viaAccess(targetId ?? "assignmentRequests", () =>
            entitlements.adminAdd(call, { ...input, target: targetId ? { id: guidParam(targetId) } : { email: email! } }),
          );
          break;
        }
        case "userAdd": {
          const input = packageAndPolicy();
          created = await viaAccess("assignmentRequests", () => entitlements.userAdd(call, input));
          break;
        }
        case "adminUpdate": {
          if (!assignment.id) throw graphErrors.badRequest("assignment.id is required.");
          const id = guidParam(assignment.id);
          created = await viaAccess(id, () =>
            entitlements.adminUpdate(call, { assignmentId: id, justification, schedule: body.schedule }),
          );
          break;
        }
        case "adminRemove": {
          if (!assignment.id) throw graphErrors.badRequest("assignment.id is required.");
          const id = guidParam(assignment.id);
          created = await viaAccess(id, () => entitlements.adminRemove(call, id));
          break;
        }
        case "userRemove":
        case "userExtend": {
          if (!assignment.id) throw graphErrors.badRequest("assignment.id is required.");
          const id = guidParam(assignment.id);
          created = await viaAccess(id, () =>
            body.requestType === "userRemove"
              ? entitlements.userRemove(call, id)
              : entitlements.userExtend(call, { assignmentId: id, justification }),
          );
          break;
        }
        default:
          throw graphErrors.notImplemented(`An assignment request of type '${body.requestType}'`);
      }
      return entity(request, requestsPath, requestJson(created), { status: 201 });
    },
  },
  {
    method: "POST",
    path: `${requestsPath}/{id}/cancel`,
    access: ACCESS.entitlementsCancel,
    summary: "Cancel a request still waiting (the requestor, the target, or an administrator; delegated only)",
    async handle(request) {
      const id = guidParam(request.params.id!);
      await viaAccess(id, () => request.services.entitlements.cancelRequest(callOf(request), id));
      return noContent();
    },
  },
  {
    method: "POST",
    path: `${requestsPath}/{id}/reprocess`,
    access: ACCESS.entitlementsWrite,
    summary: "Deliver a request whose delivery failed again",
    async handle(request) {
      const id = guidParam(request.params.id!);
      await viaAccess(id, () => request.services.entitlements.reprocessRequest(callOf(request), id));
      // An action with no result answers 204 (contract §0.3); the request shows the outcome.
      return noContent();
    },
  },
  {
    method: "GET",
    path: requestsPath,
    access: ACCESS.entitlementsRead,
    summary: "List assignment requests",
    queryOptions: ["filter", "top", "skipToken"],
    async handle(request) {
      const filters = stateFilter(equalities(request.query.filter, REQUEST_FILTERS), REQUEST_STATES);
      return listPage(
        request,
        { resource: "assignmentRequests", filters },
        ({ top, after }) =>
          viaAccess("assignmentRequests", () =>
            request.services.entitlements.listRequests(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        requestsPath,
        requestJson,
      );
    },
  },
  {
    method: "GET",
    path: `${requestsPath}/filterByCurrentUser(on='target')`,
    access: ACCESS.entitlementsCurrentUser,
    summary: "List the signed-in user's own assignment requests (delegated only)",
    queryOptions: ["filter", "top", "skipToken"],
    async handle(request) {
      const filters = stateFilter(equalities(request.query.filter, REQUEST_FILTERS), REQUEST_STATES);
      return listPage(
        request,
        {
          resource: "myAssignmentRequests",
          filters,
          // The cursor is the caller's own: another user's token cannot page on with it.
          caller: callerOf(request),
        },
        ({ top, after }) =>
          viaAccess("assignmentRequests", () =>
            request.services.entitlements.myRequests(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        requestsPath,
        requestJson,
      );
    },
  },
  {
    method: "GET",
    path: `${requestsPath}/{id}`,
    access: ACCESS.entitlementsRead,
    summary: "Get an assignment request",
    async handle(request) {
      const id = guidParam(request.params.id!);
      const found = await viaAccess(id, () => request.services.entitlements.getRequest(request.actor, request.tenant.slug, id));
      return entity(request, requestsPath, requestJson(found));
    },
  },
  {
    method: "GET",
    path: assignmentsPath,
    access: ACCESS.entitlementsRead,
    summary: "List access package assignments",
    queryOptions: ["filter", "top", "skipToken"],
    async handle(request) {
      const filters = stateFilter(equalities(request.query.filter, ASSIGNMENT_FILTERS), ASSIGNMENT_STATES);
      return listPage(
        request,
        { resource: "assignments", filters },
        ({ top, after }) =>
          viaAccess("assignments", () =>
            request.services.entitlements.listAssignments(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        assignmentsPath,
        assignmentJson,
      );
    },
  },
  {
    method: "GET",
    path: `${assignmentsPath}/filterByCurrentUser(on='target')`,
    access: ACCESS.entitlementsCurrentUser,
    summary: "List the signed-in user's own access package assignments (delegated only)",
    queryOptions: ["filter", "top", "skipToken"],
    async handle(request) {
      const filters = stateFilter(equalities(request.query.filter, ASSIGNMENT_FILTERS), ASSIGNMENT_STATES);
      return listPage(
        request,
        { resource: "myAssignments", filters, caller: callerOf(request) },
        ({ top, after }) =>
          viaAccess("assignments", () =>
            request.services.entitlements.myAssignmentPage(request.actor, request.tenant.slug, {
              filters,
              top,
              ...(after ? { after } : {}),
            }),
          ),
        assignmentsPath,
        assignmentJson,
      );
    },
  },
  {
    method: "POST",
    path: `${assignmentsPath}/{id}/reprocess`,
    access: ACCESS.entitlementsWrite,
    summary: "Give a delivered assignment's group memberships and app roles again where one went missing",
    async handle(request) {
      const id = guidParam(request.params.id!);
      await viaAccess(id, () => request.services.entitlements.reprocessAssignment(callOf(request), id));
      return noContent();
    },
  },
  {
    method: "GET",
    path: `${assignmentsPath}/{id}`,
    access: ACCESS.entitlementsRead,
    summary: "Get an access package assignment",
    async handle(request) {
      const id = guidParam(request.params.id!);
      const found = await viaAccess(id, () =>
        request.services.entitlements.getAssignment(request.actor, request.tenant.slug, id),
      );
      return entity(request, assignmentsPath, assignmentJson(found));
    },
  },
];
