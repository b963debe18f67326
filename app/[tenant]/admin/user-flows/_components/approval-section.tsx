import { getTranslations } from "next-intl/server";
import { BUTTON, FieldProblem, INPUT, problemId, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION, versionOf, type EditorSectionProps } from "./editor-props";

interface StoredApproval {
  autoApproveDomains?: string[];
  autoDenyAfterDays?: number;
  approverGroupId?: string;
}

/** The flow's sign-up approval queue: on or off, the domains admitted at once, when a request lapses, who is asked. */
export async function ApprovalSection({ flow, here, canWrite, problems }: EditorSectionProps) {
  const t = await getTranslations("admin.userFlows.editor.approval");
  const stored = flow.definition.signUpApproval as StoredApproval | undefined;
  const problem = problems.signUpApproval;
  const described = (hint: string) => [hint, problem ? problemId("signUpApproval") : undefined].filter(Boolean).join(" ");
  return (
    <section aria-labelledby="approval-heading" className={SECTION}>
      <h2 id="approval-heading" className={H2}>
        {t("title")}
      </h2>
      <p className="mt-2 max-w-prose text-gray-800">{t("intro")}</p>
      <form method="post" action={`${here}/approval`} className="mt-4" noValidate>
        <ReturnTo path={here} />
        <input type="hidden" name="version" value={versionOf(flow)} />
        <input type="hidden" name="field" value="signUpApproval" />
        <fieldset id="signUpApproval" disabled={!canWrite} className="space-y-4">
          <legend className="sr-only">{t("title")}</legend>
          <div className="flex min-h-11 items-center gap-3">
            <input
              type="checkbox"
              id="approval-required"
              name="required"
              value="yes"
              defaultChecked={!!stored}
              className="size-5"
            />
            <label htmlFor="approval-required">{t("required")}</label>
          </div>
          <div>
            <label htmlFor="approval-domains" className="font-semibold">
              {t("domains")}
            </label>
            <p id="approval-domains-hint" className="text-sm text-gray-800">
              {t("domainsHint")}
            </p>
            <textarea
              id="approval-domains"
              name="autoApproveDomains"
              rows={3}
              defaultValue={(stored?.autoApproveDomains ?? []).join("\n")}
              aria-describedby={described("approval-domains-hint")}
              className={INPUT}
            />
          </div>
          <div>
            <label htmlFor="approval-days" className="font-semibold">
              {t("days")}
            </label>
            <p id="approval-days-hint" className="text-sm text-gray-800">
              {t("daysHint")}
            </p>
            <input
              id="approval-days"
              name="autoDenyAfterDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              defaultValue={stored?.autoDenyAfterDays ?? ""}
              aria-describedby={described("approval-days-hint")}
              className={`${INPUT} max-w-32`}
            />
          </div>
          <div>
            <label htmlFor="approval-group" className="font-semibold">
              {t("group")}
            </label>
            <p id="approval-group-hint" className="text-sm text-gray-800">
              {t("groupHint")}
            </p>
            <input
              id="approval-group"
              name="approverGroupId"
              defaultValue={stored?.approverGroupId ?? ""}
              aria-describedby={described("approval-group-hint")}
              className={`${INPUT} font-mono`}
            />
          </div>
          <FieldProblem field="signUpApproval" text={problem} />
        </fieldset>
        {canWrite && (
          <button type="submit" className={`${BUTTON} mt-4`}>
            {t("save")}
          </button>
        )}
      </form>
    </section>
  );
}
