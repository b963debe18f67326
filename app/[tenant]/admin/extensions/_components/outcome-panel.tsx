import { getTranslations } from "next-intl/server";
import type { TestCallOutcome } from "../../../../_lib/journeys";

/**
 * What a test call came back with: the action as the journey would read it, the HTTP status, the
 * time and attempts, the receiver's message (an excerpt, escaped like all React text) and the
 * names it set; for a failure its kind in Guestgate's words. Announced as a status on arrival.
 */
export async function OutcomePanel({ outcome }: { outcome: TestCallOutcome }) {
  const t = await getTranslations("admin.extensions.test");
  const failed = outcome.outcome === "failed";
  return (
    <div
      id="test-result"
      role="status"
      tabIndex={-1}
      className={`mt-4 rounded-lg border-l-4 p-4 ${failed ? "border-red-700 bg-red-50 text-red-950" : "border-green-800 bg-green-50 text-green-950"}`}
    >
      <h3 className="font-semibold">{t(`outcomes.${outcome.outcome}`)}</h3>
      <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("status")}</dt>
        <dd>{outcome.httpStatus ?? t("noStatus")}</dd>
        <dt className="font-semibold">{t("duration")}</dt>
        <dd>{t("milliseconds", { ms: outcome.durationMs, attempts: outcome.attempts })}</dd>
        {outcome.message && (
          <>
            <dt className="font-semibold">{t("message")}</dt>
            <dd>
              <blockquote className="border-l-2 border-current pl-3 break-words whitespace-pre-wrap">
                {outcome.message}
              </blockquote>
            </dd>
          </>
        )}
        {outcome.names && outcome.names.length > 0 && (
          <>
            <dt className="font-semibold">{t("names")}</dt>
            <dd className="font-mono text-sm break-words">{outcome.names.join(", ")}</dd>
          </>
        )}
        {outcome.reason && (
          <>
            <dt className="font-semibold">{t("reason")}</dt>
            <dd className="break-words">{outcome.reason}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
