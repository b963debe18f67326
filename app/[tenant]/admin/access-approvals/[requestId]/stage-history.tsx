import type { getTranslations } from "next-intl/server";
import type { ApprovalView } from "../../../../_lib/access";
import type { Locale } from "../../../../_lib/i18n";
import { formatDateTime } from "../../guests/_lib/format";

type Stage = ApprovalView["stages"][number];
type ApprovalsT = Awaited<ReturnType<typeof getTranslations<"admin.accessApprovals">>>;

interface Props {
  stages: Stage[];
  /** Who the stage asks, in words. */
  approvers: (stage: Stage) => string;
  /** Who decided the stage, in words. */
  reviewer: (stage: Stage) => string;
  locale: Locale;
  t: ApprovalsT;
}

/** Every stage in order: who it asks, and what became of it (decided by whom and when, waiting until, denied in time). */
export function StageHistory({ stages, approvers, reviewer, locale, t }: Props) {
  const at = (date: Date | null) => (date ? formatDateTime(date, locale) : "");
  return (
    <ol className="mt-2 space-y-3">
      {stages.map((stage, index) => (
        <li key={stage.id} className="rounded border border-gray-300 p-3">
          <h3 className="font-semibold">{t("stage.numbered", { number: index + 1, of: stages.length })}</h3>
          <p className="mt-1">{t("stage.asks", { approvers: approvers(stage) })}</p>
          <p className="mt-1">{outcome(stage, reviewer(stage), at, t)}</p>
          {stage.justification && (
            <p className="mt-1 whitespace-pre-wrap">{t("stage.justification", { justification: stage.justification })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

function outcome(stage: Stage, who: string, at: (date: Date | null) => string, t: ApprovalsT): string {
  if (stage.status === "InProgress") return stage.dueAt ? t("stage.waitingUntil", { due: at(stage.dueAt) }) : t("stage.waiting");
  if (stage.status === "NotStarted") return t("stage.notStarted");
  if (stage.status === "Expired") return t("stage.expired", { when: at(stage.reviewedAt) });
  if (stage.reviewResult === "Approve") return t("stage.approved", { who, when: at(stage.reviewedAt) });
  if (stage.reviewResult === "Deny") return t("stage.denied", { who, when: at(stage.reviewedAt) });
  return t("stage.closed");
}
