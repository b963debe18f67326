import type { SystemActor } from "../directory";
import type { ApprovalVerbs } from "./approvals";
import type { LifecycleStepVerbs } from "./lifecycle-steps";

const PER_RUN = 200;

/**
 * The leased job (app/_lib/jobs' Job shape) of entitlement management, every five minutes: denies
 * requests whose approval stage outlived `durationBeforeAutomaticDenial`, escalates stages whose
 * `durationBeforeEscalation` passed, ends assignments whose
 * policy's expiration has come (their group memberships and app roles go with them), mails the
 * "expiring soon" notices, delivers again what a stopped process left `delivering`, and applies
 * the tenant's external-user lifecycle (block, then delete). At most 200 of each a run; the rest
 * wait for the next. Acts as `job:access-package-lifecycle`.
 */
export function entitlementLifecycleJob(
  entitlements: Pick<ApprovalVerbs, "denyOverdue" | "expireAssignments"> & LifecycleStepVerbs,
) {
  return {
    name: "access-package-lifecycle",
    summary:
      "deny access-package requests whose approval time ran out, escalate stages, end expired assignments, send expiry notices, recover stopped deliveries, deliver scheduled requests whose start came, block and delete guests left without access",
    everySeconds: 300,
    async run(context: { now: Date; actor: SystemActor }) {
      const denied = await entitlements.denyOverdue(context.actor, context.now, PER_RUN);
      const escalated = await entitlements.escalateStages(context.actor, context.now, PER_RUN);
      const expired = await entitlements.expireAssignments(context.actor, context.now, PER_RUN);
      const reminded = await entitlements.remindExpiring(context.actor, context.now, PER_RUN);
      const recovered = await entitlements.recoverDeliveries(context.actor, context.now, PER_RUN);
      const started = await entitlements.deliverScheduled(context.actor, context.now, PER_RUN);
      const { blocked, deleted } = await entitlements.applyExternalUserLifecycle(context.actor, context.now, PER_RUN);
      return { denied, expired, escalated, reminded, recovered, started, blocked, deleted };
    },
  };
}
