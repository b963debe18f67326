import type { Actor } from "../directory";
import { event, existing, personOf, type Call, type Clock } from "./common";
import { isAllowedTarget } from "./eligibility";
import { EntitlementError, forbidden, invalid } from "./errors";
import { endAssignment } from "./lifecycle";
import type {
  AccessPackageRecord,
  AssignmentRecord,
  EntitlementStore,
  EntitlementUnit,
  OutsiderIdentity,
  PersonRecord,
  PolicyRecord,
  RequestRecord,
  StageSettings,
} from "./records";
import type { Notifier } from "./notifications";
import { createStages, extensionOf } from "./updates";

/** A package the signed-in person may request, with the policies that let them (My Access). */
export interface Requestable {
  accessPackage: AccessPackageRecord;
  policies: PolicyRecord[];
}

/** What My Access shows the signed-in person: what they may request, their requests and their access. */
export interface MyAccessOverview {
  requestable: Requestable[];
  /** Newest first. */
  requests: RequestRecord[];
  assignments: (AssignmentRecord & { mayExtend: boolean; mayRemove: boolean })[];
  /** The display name of every package the lists name. */
  packageNames: Record<string, string>;
}

interface SelfSettings {
  enableTargetsToSelfAddAccess?: boolean;
  enableTargetsToSelfUpdateAccess?: boolean;
  enableTargetsToSelfRemoveAccess?: boolean;
}
const selfSettings = (policy: PolicyRecord) => policy.settings.requestorSettings as SelfSettings;
const approval = (policy: PolicyRecord) =>
  policy.settings.requestApprovalSettings as {
    isApprovalRequiredForUpdate?: boolean;
    isRequestorJustificationRequired?: boolean;
    stages?: StageSettings[];
  };

/** Whether an extension of the assignment already waits for approval (one at a time). */
async function waitingExtension(unit: EntitlementUnit, tenantId: string, assignmentId: string) {
  const waiting = await unit.listRequests(tenantId, {
    filters: [
      { property: "requestType", value: "userExtend" },
      { property: "state", value: "pendingApproval" },
    ],
    take: 1000,
  });
  return waiting.some((r) => r.assignmentId === assignmentId);
}

/** The most packages and policies My Access reads for one person: a portal page, not an export. */
const MAX_READ = 500;

export interface SelfServiceVerbs {
  /** Graph `userRemove`: the assignment's own target ends it, where its policy lets targets remove their access. */
  userRemove(call: Call, assignmentId: string): Promise<RequestRecord>;
  /**
   * Graph `userExtend`: the target extends their delivered assignment by the policy's expiration
   * counted from now, where the policy lets targets extend (`enableTargetsToSelfUpdateAccess`);
   * under `isApprovalRequiredForUpdate` the request waits in `pendingApproval` for the policy's
   * stages and the end moves when the last approves (updates.ts), else at once.
   */
  userExtend(call: Call, input: { assignmentId: string; justification: string }): Promise<RequestRecord>;
  /** The signed-in person's own assignments, live ones first. */
  myAssignments(actor: Actor, tenantId: string): Promise<AssignmentRecord[]>;
  /**
   * The packages the signed-in person may request for themselves, each with the policies that admit
   * them; `accessPackageId` narrows to one (a deep link, which may name a hidden package).
   */
  requestable(actor: Actor, tenantId: string, accessPackageId?: string): Promise<Requestable[]>;
  /** Everything My Access shows the signed-in person, `accessPackageId` narrowing it to one package. */
  overview(actor: Actor, tenantId: string, accessPackageId?: string): Promise<MyAccessOverview>;
  /**
   * What My Access shows someone identified by a proven address who is not yet in the directory:
   * the packages whose policies admit people outside it from that domain, and the requests for
   * that address filed before a guest exists (no assignments: delivery makes them a guest).
   */
  outsiderOverview(tenantId: string, outsider: OutsiderIdentity, accessPackageId?: string): Promise<MyAccessOverview>;
}

export function selfServiceVerbs(store: EntitlementStore, clock: Clock, notifier?: Notifier): SelfServiceVerbs {
  async function selfOf(reads: EntitlementUnit | EntitlementStore, call: { actor: Actor; tenantId: string }) {
    const id = personOf(call.actor);
    if (!id) throw invalid("requestType", "A request for oneself is filed by a signed-in user (a delegated token).");
    const person = await reads.findPerson(call.tenantId, id);
    if (!person || person.state !== "active") throw forbidden("the requestor is not an active user of the directory");
    return person;
  }

  /** The caller's own delivered assignment and its policy; anyone else's is not theirs to change. */
  async function ownAssignment(unit: EntitlementUnit, call: Call, assignmentId: string) {
    const person = await selfOf(unit, call);
    const assignment = await unit.findAssignment(call.tenantId, assignmentId);
    if (!assignment) throw invalid("assignment.id", `The assignment '${assignmentId}' does not exist.`);
    if (assignment.target.id !== person.id) throw forbidden("the assignment is another user's");
    if (assignment.state !== "delivered")
      throw new EntitlementError("conflict", "The assignment has ended already.", "assignment");
    const policy = await existing(unit.findPolicy(call.tenantId, assignment.policyId), assignment.policyId);
    return { person, assignment, policy };
  }

  async function requestable(actor: Actor, tenantId: string, accessPackageId?: string): Promise<Requestable[]> {
    const person = await selfOf(store, { actor, tenantId });
    return requestableBy(tenantId, person, person.email, accessPackageId);
  }

  async function requestableBy(
    tenantId: string,
    person: PersonRecord | null,
    email: string | null,
    accessPackageId?: string,
  ): Promise<Requestable[]> {
    const packages = accessPackageId
      ? [await store.findPackage(tenantId, accessPackageId)].filter((p): p is AccessPackageRecord => !!p)
      : (await store.listPackages(tenantId, { filters: [], take: MAX_READ })).filter((p) => !p.isHidden);
    const found: Requestable[] = [];
    for (const accessPackage of packages) {
      const catalog = await store.findCatalog(tenantId, accessPackage.catalogId);
      if (catalog?.state !== "published") continue;
      const policies = await admitting(store, person, email, accessPackage.id, tenantId);
      if (policies.length) found.push({ accessPackage, policies });
    }
    return found;
  }

  return {
    requestable,
    async outsiderOverview(tenantId, outsider, accessPackageId) {
      const email = outsider.email.toLowerCase();
      // Someone the directory has is never shown its requests by address alone.
      if (await store.findPersonByEmail(tenantId, email)) throw forbidden("the address belongs to a user of the directory");
      const onlyPackage = accessPackageId ? [{ property: "accessPackageId" as const, value: accessPackageId }] : [];
      const requests = (
        await store.listRequests(tenantId, {
          filters: [{ property: "targetEmail", value: email }, ...onlyPackage],
          take: MAX_READ,
        })
      ).filter((request) => request.target === null);
      const packageNames: Record<string, string> = {};
      for (const id of new Set(requests.map((r) => r.accessPackageId)))
        packageNames[id] = (await store.findPackage(tenantId, id))?.displayName ?? id;
      return {
        requestable: await requestableBy(tenantId, null, email, accessPackageId),
        requests: requests.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
        assignments: [],
        packageNames,
      };
    },
    async overview(actor, tenantId, accessPackageId) {
      const person = await selfOf(store, { actor, tenantId });
      const onlyPackage = accessPackageId ? [{ property: "accessPackageId" as const, value: accessPackageId }] : [];
      const requests = await store.listRequests(tenantId, {
        filters: [{ property: "targetGuestId", value: person.id }, ...onlyPackage],
        take: MAX_READ,
      });
      const assignments = await store.listAssignments(tenantId, {
        filters: [{ property: "targetGuestId", value: person.id }, ...onlyPackage],
        take: MAX_READ,
      });
      const packageNames: Record<string, string> = {};
      const policies = new Map<string, PolicyRecord | null>();
      for (const id of new Set([...requests, ...assignments].map((r) => r.accessPackageId)))
        packageNames[id] = (await store.findPackage(tenantId, id))?.displayName ?? id;
      const withRights = [];
      for (const assignment of assignments) {
        if (!policies.has(assignment.policyId))
          policies.set(assignment.policyId, await store.findPolicy(tenantId, assignment.policyId));
        const policy = policies.get(assignment.policyId);
        const live = assignment.state === "delivered" && !!policy;
        withRights.push({
          ...assignment,
          // Extending needs an end to move, and no extension already waiting for approval.
          mayExtend:
            live &&
            !!selfSettings(policy).enableTargetsToSelfUpdateAccess &&
            assignment.expiresAt !== null &&
            !requests.some((r) => r.assignmentId === assignment.id && r.state === "pendingApproval"),
          mayRemove: live && !!selfSettings(policy).enableTargetsToSelfRemoveAccess,
        });
      }
      return {
        requestable: await requestable(actor, tenantId, accessPackageId),
        requests: requests.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
        assignments: withRights.sort((a, b) => Number(a.state !== "delivered") - Number(b.state !== "delivered")),
        packageNames,
      };
    },
    async userRemove(call, assignmentId) {
      const requestId = await store.transaction(async (unit) => {
        const { assignment, policy } = await ownAssignment(unit, call, assignmentId);
        if (!selfSettings(policy).enableTargetsToSelfRemoveAccess)
          throw forbidden("the policy does not let its targets remove their own access");
        const id = await endAssignment(unit, call, assignment, "userRemove", clock.now());
        if (!id) throw new EntitlementError("conflict", "The assignment has ended already.", "assignment");
        return id;
      });
      return (await store.findRequest(call.tenantId, requestId))!;
    },

    async userExtend(call, input) {
      const requestId = await store.transaction(async (unit) => {
        const { person, assignment, policy } = await ownAssignment(unit, call, input.assignmentId);
        if (!selfSettings(policy).enableTargetsToSelfUpdateAccess)
          throw forbidden("the policy does not let its targets extend their access");
        const settings = approval(policy);
        if (settings.isRequestorJustificationRequired && !input.justification.trim())
          throw invalid("justification", "The policy requires a justification.");
        if (!(await isAllowedTarget(unit, policy, person, person.email)))
          throw forbidden("the policy no longer lets this user have the access package");
        const now = clock.now();
        const extension = extensionOf(policy, assignment.expiresAt, now);
        if (!extension) throw invalid("assignment.id", "The assignment cannot be extended: its policy gives no later end.");
        // With isApprovalRequiredForUpdate the extension waits for the policy's stages, as an add does.
        const stages = settings.isApprovalRequiredForUpdate ? (settings.stages ?? []) : [];
        if (stages.length && (await waitingExtension(unit, call.tenantId, assignment.id)))
          throw new EntitlementError("conflict", "An extension of this assignment is waiting for approval.", "assignment");
        if (!stages.length) await unit.updateAssignment(assignment.id, "delivered", extension);
        const id = await unit.createRequest({
          tenantId: call.tenantId,
          accessPackageId: assignment.accessPackageId,
          policyId: policy.id,
          requestType: "userExtend",
          state: stages.length ? "pendingApproval" : "delivered",
          status: stages.length ? "PendingApproval" : "Delivered",
          targetGuestId: person.id,
          targetEmail: null,
          requestorId: person.id,
          assignmentId: assignment.id,
          justification: input.justification,
          schedule: stages.length ? {} : extension.schedule,
          completedAt: stages.length ? null : now,
        });
        if (stages.length) {
          await createStages(unit, call, id, stages, now);
          await unit.audit.append(
            event(
              call,
              "accessPackageAssignmentRequest.created",
              { type: "accessPackageAssignmentRequest", id },
              {
                requestType: "userExtend",
                accessPackageId: policy.accessPackageId,
                policyId: policy.id,
                target: person.id,
                stages: stages.length,
              },
            ),
          );
          return id;
        }
        await unit.audit.append(
          event(
            call,
            "accessPackageAssignment.extended",
            { type: "guest", id: person.id },
            {
              accessPackageId: assignment.accessPackageId,
              assignmentId: assignment.id,
              requestId: id,
              expiresAt: extension.expiresAt.toISOString(),
            },
          ),
        );
        return id;
      });
      const filed = (await store.findRequest(call.tenantId, requestId))!;
      if (filed.state === "pendingApproval") await notifier?.stageStarted(filed);
      return filed;
    },

    async myAssignments(actor, tenantId) {
      const person = await selfOf(store, { actor, tenantId });
      const rows = await store.listAssignments(tenantId, {
        filters: [{ property: "targetGuestId", value: person.id }],
        take: MAX_READ,
      });
      return rows.sort((a, b) => Number(a.state !== "delivered") - Number(b.state !== "delivered"));
    },
  };
}

/** The package's policies under which this person (or, `person` null, this address outside the directory) may file userAdd. */
async function admitting(
  store: EntitlementStore,
  person: PersonRecord | null,
  email: string | null,
  accessPackageId: string,
  tenantId: string,
) {
  const policies = await store.listPolicies(tenantId, {
    filters: [{ property: "accessPackageId", value: accessPackageId }],
    take: MAX_READ,
  });
  const admitted: PolicyRecord[] = [];
  for (const policy of policies)
    if (selfSettings(policy).enableTargetsToSelfAddAccess && (await isAllowedTarget(store, policy, person, email)))
      admitted.push(policy);
  return admitted;
}
