import type { Actor } from "../directory";
import type { ApprovalVerbs } from "./approvals";

const PER_RUN = 200;

/**
 * The leased job (app/_lib/jobs' Job shape) of entitlement management, every five minutes: denies
 * requests whose approval stage outlived `durationBeforeAutomaticDenial`, and ends assignments
 * whose policy's expiration has come (their group memberships and app roles go with them). At
 * most 200 of each a run; the rest wait for the next. Acts as `job:access-package-lifecycle`.
 */
export function entitlementLifecycleJob(entitlements: Pick<ApprovalVerbs, "denyOverdue" | "expireAssignments">) {
  return {
    name: "access-package-lifecycle",
    summary: "deny access-package requests whose approval time ran out, and end assignments that expired",
    everySeconds: 300,
    async run(context: { now: Date; actor: Actor }) {
      return {
        denied: await entitlements.denyOverdue(context.actor, context.now, PER_RUN),
        expired: await entitlements.expireAssignments(context.actor, context.now, PER_RUN),
      };
    },
  };
}
