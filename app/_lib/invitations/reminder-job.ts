import type { Actor } from "../directory";
import type { InvitationService } from "./contract";

const HOUR = 3600;
const PER_RUN = 200;

/**
 * The reminder job for the job registry (app/_lib/jobs' Job shape): hourly, at most 200 reminders
 * a run (the rest wait for the next), each tenant's `invitations.reminderAfterDays` after the last
 * e-mail, once per invitation. Acts as `job:invitation-reminders`.
 */
export function invitationReminderJob(invitations: Pick<InvitationService, "sendReminders">) {
  return {
    name: "invitation-reminders",
    summary: "remind invitees who have not accepted yet (once, reminderAfterDays after the last e-mail)",
    everySeconds: HOUR,
    async run(context: { now: Date; actor: Actor }) {
      return { reminders: await invitations.sendReminders(context.actor, context.now, PER_RUN) };
    },
  };
}
