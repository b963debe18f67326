import type { getTranslations } from "next-intl/server";
import type { ApprovalView } from "../../../../_lib/access";
import { BUTTON, DANGER_BUTTON, FieldProblem, INPUT, ReturnTo, problemId } from "../../_components/form-parts";

type ApprovalsT = Awaited<ReturnType<typeof getTranslations<"admin.accessApprovals">>>;

interface Props {
  action: string;
  here: string;
  stage: ApprovalView["stages"][number];
  number: number;
  person: string;
  justification: string;
  problem: string | undefined;
  t: ApprovalsT;
}

/**
 * Approve or deny the stage waiting for this administrator, with a justification (required when
 * the policy says so: the field says it, and the service refuses without one).
 */
export function DecisionForm({ action, here, stage, number, person, justification, problem, t }: Props) {
  const required = stage.settings.isApproverJustificationRequired;
  const hint = required ? t("decision.justificationRequired") : t("decision.justificationOptional");
  return (
    <form method="post" action={action} className="mt-8 space-y-4 rounded border border-gray-400 p-4" noValidate>
      <h2 className="text-xl font-bold">{t("decision.title", { number })}</h2>
      <ReturnTo path={here} />
      <input type="hidden" name="stageId" value={stage.id} />
      <div>
        <label htmlFor="justification" className="block font-semibold">
          {t("decision.justification")}
        </label>
        <p id="justification-hint" className="text-sm text-gray-800">
          {hint}
        </p>
        <textarea
          id="justification"
          name="justification"
          rows={3}
          maxLength={4000}
          required={required}
          defaultValue={justification}
          aria-invalid={problem ? true : undefined}
          aria-describedby={["justification-hint", problem ? problemId("justification") : ""].filter(Boolean).join(" ")}
          className={INPUT}
        />
        <FieldProblem field="justification" text={problem} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="decision"
          value="approve"
          className={BUTTON}
          aria-label={t("decision.approveLabel", { person })}
        >
          {t("decision.approve")}
        </button>
        <button
          type="submit"
          name="decision"
          value="deny"
          className={DANGER_BUTTON}
          aria-label={t("decision.denyLabel", { person })}
        >
          {t("decision.deny")}
        </button>
      </div>
    </form>
  );
}
