import type { SystemActor } from "../actor";
import type { SignUpApprovalService } from "./types";

const HOUR = 3600;

/**
 * The leased job that refuses sign-up requests nobody decided on within their flow's
 * `autoDenyAfterDays` (audited as `job:sign-up-approvals`, the person mailed as for any refusal).
 * Hourly: a request lapses at most an hour late. Shaped as the jobs module's Job.
 */
export function signUpApprovalJob(approvals: Pick<SignUpApprovalService, "refuseLapsed">) {
  return {
    name: "sign-up-approvals",
    summary: "refuse sign-up requests left undecided past their flow's autoDenyAfterDays",
    everySeconds: HOUR,
    async run(context: { now: Date; actor: SystemActor }) {
      return { refused: (await approvals.refuseLapsed(context.actor, context.now)).refused };
    },
  };
}
