import type { Actor } from "../directory";
import type { ListArgs } from "./catalogs";
import {
  event,
  existing,
  listArgs,
  packageOf,
  page,
  personOf,
  type Call,
  type Clock,
  type EntitlementPorts,
  type Page,
} from "./common";
import { checkedAnswers, questionsOf, type GivenAnswer } from "./answers";
import { requestedScheduleOf, type RequestedSchedule } from "./custom-schedule";
import { addDuration } from "./durations";
import { domainOf, isAllowedTarget } from "./eligibility";
import { EntitlementError, forbidden, invalid } from "./errors";
import { grant } from "./delivery";
import { deliverRequest, endAssignment } from "./lifecycle";
import { createNotifier, requestSubject } from "./notifications";
import { authorize } from "./permissions";
import type {
  AssignmentFilter,
  AssignmentRecord,
  EntitlementStore,
  EntitlementUnit,
  OutsiderIdentity,
  PersonRecord,
  PolicyRecord,
  RequestFilter,
  RequestRecord,
  StageSettings,
} from "./records";

/** Who a request is for: a directory user by id, or an address (adminAdd of someone not yet a guest). */
export type RequestTarget = { id: string } | { email: string };

export interface AddRequest {
  accessPackageId: string;
  policyId: string;
  justification: string;
  /** Answers to the policy's questions, checked against them (required, pattern, choices). */
  answers?: GivenAnswer[];
  /** The requestor's own start and end, where the policy allows them (custom-schedule.ts). */
  schedule?: RequestedSchedule | null;
  /** The language the request is filed in (My Access): the mails to its person use it when the directory knows none. */
  locale?: string;
}

export interface RequestVerbs {
  /**
   * An administrator's (or application's) assignment request (Graph `adminAdd`) for a directory
   * user or for an address not yet in the directory. Under a policy that needs approval it waits
   * in `pendingApproval`; otherwise it is delivered at once (the guest created if needed, then the
   * assignment, every group membership, ownership and app role in one transaction).
   */
  adminAdd(call: Call, input: AddRequest & { target: RequestTarget }): Promise<RequestRecord>;
  /** A signed-in directory user's request for themselves (Graph `userAdd`), as their policy allows. */
  userAdd(call: Call, input: AddRequest): Promise<RequestRecord>;
  /**
   * A `userAdd` of someone My Access identified by a proven address who is not yet in the
   * directory (`call.actor` is the surface that vouches for the proof): allowed where a policy
   * admits people outside the directory from that address's domain. Delivery creates the guest
   * and links the identity to it, so the person's next sign-in is as that guest.
   */
  outsiderAdd(call: Call, input: AddRequest & { outsider: OutsiderIdentity }): Promise<RequestRecord>;
  /** The outsider cancels their own request still waiting (one filed for their address before a guest exists). */
  outsiderCancel(call: Call, outsider: OutsiderIdentity, requestId: string): Promise<void>;
  /** Ends a delivered assignment (Graph `adminRemove`): its grants go, a delivered request records it. */
  adminRemove(call: Call, assignmentId: string): Promise<RequestRecord>;
  /** The requestor, the target or an administrator cancels a request still waiting (Graph `cancel`). */
  cancelRequest(call: Call, requestId: string): Promise<void>;
  /** Delivers a `deliveryFailed` request again (Graph `reprocess`). */
  reprocessRequest(call: Call, requestId: string): Promise<RequestRecord>;
  /** Gives a delivered assignment's grants again where one went missing (Graph assignment `reprocess`). */
  reprocessAssignment(call: Call, assignmentId: string): Promise<void>;
  listRequests(actor: Actor, tenantId: string, query: ListArgs<RequestFilter>): Promise<Page<RequestRecord>>;
  /** The signed-in caller's own requests (Graph `filterByCurrentUser(on='target')`). */
  myRequests(actor: Actor, tenantId: string, query: ListArgs<RequestFilter>): Promise<Page<RequestRecord>>;
  getRequest(actor: Actor, tenantId: string, id: string): Promise<RequestRecord>;
  listAssignments(actor: Actor, tenantId: string, query: ListArgs<AssignmentFilter>): Promise<Page<AssignmentRecord>>;
  /** The signed-in caller's own assignments (Graph assignments `filterByCurrentUser(on='target')`). */
  myAssignmentPage(actor: Actor, tenantId: string, query: ListArgs<AssignmentFilter>): Promise<Page<AssignmentRecord>>;
  getAssignment(actor: Actor, tenantId: string, id: string): Promise<AssignmentRecord>;
}

/** States in which a request still waits and may be canceled (contract §7.3). */
const CANCELLABLE = ["submitted", "pendingApproval", "scheduled"] as const;

interface Approval {
  isApprovalRequiredForAdd: boolean;
  isRequestorJustificationRequired: boolean;
  stages: StageSettings[];
}
const approvalOf = (policy: PolicyRecord) => policy.settings.requestApprovalSettings as Approval;

export function requestVerbs(store: EntitlementStore, clock: Clock, ports: EntitlementPorts): RequestVerbs {
  const notifier = createNotifier(store, ports);
  async function policyOf(unit: EntitlementUnit, tenantId: string, input: AddRequest): Promise<PolicyRecord> {
    const accessPackage = await packageOf(unit, tenantId, input.accessPackageId).catch(() => {
      throw invalid("assignment.accessPackageId", `The access package '${input.accessPackageId}' does not exist.`);
    });
    const policy = await unit.findPolicy(tenantId, input.policyId);
    if (!policy || policy.accessPackageId !== accessPackage.id)
      throw invalid("assignment.assignmentPolicyId", `The policy '${input.policyId}' is not a policy of the access package.`);
    return policy;
  }

  /** Refuses a second live assignment or a second waiting request of the same package for the same person. */
  async function checkNotHeld(
    unit: EntitlementUnit,
    call: Call,
    policy: PolicyRecord,
    person: PersonRecord | null,
    email: string,
  ) {
    if (person) {
      const held = await unit.listAssignments(call.tenantId, {
        filters: [
          { property: "targetGuestId", value: person.id },
          { property: "accessPackageId", value: policy.accessPackageId },
        ],
        take: 50,
      });
      if (held.some((a) => a.state !== "expired"))
        throw new EntitlementError("conflict", "The user already has an assignment of this access package.", "assignment");
    }
    // A request waiting for its approval, or approved and scheduled for its start.
    const waiting = [];
    for (const state of ["pendingApproval", "scheduled"])
      waiting.push(
        ...(await unit.listRequests(call.tenantId, {
          filters: [
            { property: "accessPackageId", value: policy.accessPackageId },
            { property: "state", value: state },
          ],
          take: 1000,
        })),
      );
    if (waiting.some((r) => (person && r.target?.id === person.id) || r.targetEmail === email))
      throw new EntitlementError(
        "conflict",
        "A request of this access package for the user is waiting for approval.",
        "assignment",
      );
  }

  /** Files an add request: waiting for its first approval stage, or delivered at once. */
  async function file(
    call: Call,
    requestType: "adminAdd" | "userAdd",
    input: AddRequest,
    resolve: (
      unit: EntitlementUnit,
      policy: PolicyRecord,
    ) => Promise<{ person: PersonRecord | null; email: string; outsider?: OutsiderIdentity }>,
  ): Promise<RequestRecord> {
    const requestId = await store.transaction(async (unit) => {
      const policy = await policyOf(unit, call.tenantId, input);
      const { person, email, outsider } = await resolve(unit, policy);
      const approval = approvalOf(policy);
      if (requestType === "userAdd" && approval.isRequestorJustificationRequired && !input.justification.trim())
        throw invalid("justification", "The policy requires a justification.");
      const answers = checkedAnswers(questionsOf(policy.settings), input.answers ?? []);
      await checkNotHeld(unit, call, policy, person, email);
      if (!person && policy.allowedTargetScope === "allExternalUsers") await proposeOrganization(unit, call, domainOf(email));
      const stages = approval.isApprovalRequiredForAdd ? approval.stages : [];
      const now = clock.now();
      const { schedule, startsAt } = requestedScheduleOf(policy, input.schedule, now);
      const ready = startsAt ? "scheduled" : "delivering";
      const id = await unit.createRequest({
        tenantId: call.tenantId,
        accessPackageId: policy.accessPackageId,
        policyId: policy.id,
        requestType,
        state: stages.length ? "pendingApproval" : ready,
        status: stages.length ? "PendingApproval" : ready === "scheduled" ? "Scheduled" : "Delivering",
        targetGuestId: person?.id ?? null,
        targetEmail: person ? null : email,
        requestorId: personOf(call.actor),
        requestorIssuer: outsider?.issuer ?? null,
        requestorSubject: outsider?.subject ?? null,
        locale: input.locale ?? null,
        assignmentId: null,
        justification: input.justification,
        schedule,
        startsAt,
        completedAt: null,
        answers,
      });
      for (const [sequence, settings] of stages.entries())
        await unit.createStage({
          tenantId: call.tenantId,
          requestId: id,
          sequence,
          status: sequence === 0 ? "InProgress" : "NotStarted",
          settings,
          startedAt: sequence === 0 ? now : null,
          dueAt: sequence === 0 ? addDuration(now, settings.durationBeforeAutomaticDenial) : null,
        });
      await unit.audit.append(
        event(
          call,
          "accessPackageAssignmentRequest.created",
          { type: "accessPackageAssignmentRequest", id },
          {
            requestType,
            accessPackageId: policy.accessPackageId,
            policyId: policy.id,
            target: person?.id ?? email,
            ...(outsider ? { requestorIssuer: outsider.issuer, requestorSubject: outsider.subject } : {}),
            stages: stages.length,
            answers: answers.length,
          },
        ),
      );
      return id;
    });
    const filed = (await store.findRequest(call.tenantId, requestId))!;
    if (filed.state === "delivering") await deliverRequest(store, ports, clock, call, filed);
    else if (filed.state === "pendingApproval") await notifier.stageStarted(filed);
    return (await store.findRequest(call.tenantId, requestId))!;
  }

  /** Entra's note (contract §7.3): a request from a domain no organisation has makes a proposed one. */
  async function proposeOrganization(unit: EntitlementUnit, call: Call, domain: string) {
    if ((await unit.organizationsOfDomain(call.tenantId, domain)).length) return;
    const created = await unit.createConnectedOrganization(call.tenantId, {
      displayName: domain,
      description: "",
      state: "proposed",
      identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: domain, displayName: domain }],
    });
    await unit.audit.append(
      event(call, "connectedOrganization.created", { type: "connectedOrganization", id: created.id }, { state: "proposed" }),
    );
  }

  /** Cancels a request still waiting: its own person (`own`) may, anyone else must administer. */
  async function cancel(call: Call, requestId: string, own: (request: RequestRecord) => boolean) {
    await store.transaction(async (unit) => {
      const request = await existing(unit.findRequest(call.tenantId, requestId), requestId);
      if (!own(request)) authorize(call.actor, true);
      const now = clock.now();
      if (!(await unit.updateRequest(request.id, CANCELLABLE, { state: "canceled", status: "Canceled", completedAt: now })))
        throw new EntitlementError("conflict", `A request in state '${request.state}' cannot be canceled.`, "state");
      for (const stage of await unit.listStages(call.tenantId, request.id))
        if (stage.status === "InProgress") await unit.updateStage(stage.id, "InProgress", { status: "Completed", dueAt: null });
      await unit.audit.append(
        event(
          call,
          "accessPackageAssignmentRequest.canceled",
          { type: "accessPackageAssignmentRequest", id: request.id },
          {
            accessPackageId: request.accessPackageId,
            previousState: request.state,
          },
        ),
      );
    });
  }

  return {
    async adminAdd(call, input) {
      authorize(call.actor, true);
      return file(call, "adminAdd", input, async (unit, policy) => {
        if ("id" in input.target) {
          const person = await unit.findPerson(call.tenantId, input.target.id);
          if (!person) throw invalid("assignment.targetId", `The user '${input.target.id}' does not exist.`);
          return { person, email: person.email ?? "" };
        }
        const email = input.target.email.trim().toLowerCase();
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
          throw invalid("assignment.target.email", "The target's email is not an address.");
        const person = await unit.findPersonByEmail(call.tenantId, email);
        // Someone not in the directory may only be assigned under a policy for people outside it.
        if (!person && !(await isAllowedTarget(unit, policy, null, email)))
          throw invalid(
            "assignment.target.email",
            `The policy does not let '${domainOf(email)}' users request this access package.`,
          );
        return { person, email };
      });
    },
    async userAdd(call, input) {
      const self = call.actor.type === "guest" || call.actor.type === "administrator" ? personOf(call.actor) : null;
      if (!self) throw invalid("requestType", "userAdd is filed by a signed-in user for themselves (a delegated token).");
      return file(call, "userAdd", input, async (unit, policy) => {
        const person = await unit.findPerson(call.tenantId, self);
        if (!person || person.state !== "active") throw forbidden("the requestor is not an active user of the directory");
        const settings = policy.settings.requestorSettings as { enableTargetsToSelfAddAccess?: boolean };
        if (!settings.enableTargetsToSelfAddAccess || !(await isAllowedTarget(unit, policy, person, person.email)))
          throw forbidden("the policy does not let this user request the access package");
        return { person, email: person.email ?? "" };
      });
    },
    async outsiderAdd(call, input) {
      const email = input.outsider.email.trim().toLowerCase();
      const outsider = { ...input.outsider, email };
      return file(call, "userAdd", input, async (unit, policy) => {
        // Never by address alone: someone the directory has signs in as themselves (or is refused).
        if (await unit.findPersonByEmail(call.tenantId, email))
          throw forbidden("the address belongs to a user of the directory, who requests as themselves");
        const settings = policy.settings.requestorSettings as { enableTargetsToSelfAddAccess?: boolean };
        if (!settings.enableTargetsToSelfAddAccess || !(await isAllowedTarget(unit, policy, null, email)))
          throw forbidden("the policy does not let people outside the directory from this domain request the access package");
        return { person: null, email, outsider };
      });
    },
    async outsiderCancel(call, outsider, requestId) {
      const email = outsider.email.toLowerCase();
      await cancel(call, requestId, (request) => request.target === null && request.targetEmail === email);
    },
    async adminRemove(call, assignmentId) {
      authorize(call.actor, true);
      const requestId = await store.transaction(async (unit) => {
        const assignment = await unit.findAssignment(call.tenantId, assignmentId);
        if (!assignment) throw invalid("assignment.id", `The assignment '${assignmentId}' does not exist.`);
        const id = await endAssignment(unit, call, assignment, "adminRemove", clock.now());
        if (!id) throw new EntitlementError("conflict", "The assignment has ended already.", "assignment");
        return id;
      });
      const removal = (await store.findRequest(call.tenantId, requestId))!;
      await notifier.tellPerson("removed", requestSubject(removal));
      return removal;
    },
    async cancelRequest(call, requestId) {
      const self = personOf(call.actor);
      await cancel(call, requestId, (request) => self !== null && (request.requestorId === self || request.target?.id === self));
    },
    async reprocessRequest(call, requestId) {
      authorize(call.actor, true);
      const request = await store.transaction(async (unit) => {
        const found = await existing(unit.findRequest(call.tenantId, requestId), requestId);
        if (!(await unit.updateRequest(found.id, ["deliveryFailed"], { state: "delivering", status: "Delivering" })))
          throw new EntitlementError("conflict", `A request in state '${found.state}' cannot be reprocessed.`, "state");
        await unit.audit.append(
          event(
            call,
            "accessPackageAssignmentRequest.reprocessed",
            { type: "accessPackageAssignmentRequest", id: found.id },
            {
              previousReason: found.failureReason ?? "",
            },
          ),
        );
        return found;
      });
      await deliverRequest(store, ports, clock, call, request);
      return (await store.findRequest(call.tenantId, requestId))!;
    },
    async reprocessAssignment(call, assignmentId) {
      authorize(call.actor, true);
      await store.transaction(async (unit) => {
        const assignment = await existing(unit.findAssignment(call.tenantId, assignmentId), assignmentId);
        if (assignment.state !== "delivered")
          throw new EntitlementError("conflict", `An assignment in state '${assignment.state}' cannot be reprocessed.`, "state");
        for (const scope of await unit.listRoleScopes(call.tenantId, assignment.accessPackageId))
          await grant(unit, call, scope, assignment.target.id);
        await unit.audit.append(
          event(
            call,
            "accessPackageAssignment.reprocessed",
            { type: "guest", id: assignment.target.id },
            {
              accessPackageId: assignment.accessPackageId,
              assignmentId: assignment.id,
            },
          ),
        );
      });
    },
    async listRequests(actor, tenantId, query) {
      authorize(actor, false);
      return page(await store.listRequests(tenantId, listArgs(query)), query.top, query.before);
    },
    async myRequests(actor, tenantId, query) {
      const self = personOf(actor);
      if (!self) throw invalid("on", "filterByCurrentUser needs a signed-in user (a delegated token).");
      const filters = [...(query.filters ?? []), { property: "targetGuestId" as const, value: self }];
      return page(await store.listRequests(tenantId, listArgs({ ...query, filters })), query.top, query.before);
    },
    async getRequest(actor, tenantId, id) {
      authorize(actor, false);
      return existing(store.findRequest(tenantId, id), id);
    },
    async listAssignments(actor, tenantId, query) {
      authorize(actor, false);
      return page(await store.listAssignments(tenantId, listArgs(query)), query.top, query.before);
    },
    async myAssignmentPage(actor, tenantId, query) {
      const self = personOf(actor);
      if (!self) throw invalid("on", "filterByCurrentUser needs a signed-in user (a delegated token).");
      const filters = [...(query.filters ?? []), { property: "targetGuestId" as const, value: self }];
      return page(await store.listAssignments(tenantId, listArgs({ ...query, filters })), query.top);
    },
    async getAssignment(actor, tenantId, id) {
      authorize(actor, false);
      return existing(store.findAssignment(tenantId, id), id);
    },
  };
}
