import { getTranslations } from "next-intl/server";
import { BUTTON, FieldProblem, INPUT, problemId, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION, versionOf, type EditorSectionProps } from "./editor-props";

interface StoredApproval {
  autoApproveDomains?: string[];
  autoApproveConnectedOrganizations?: boolean | string[];
  autoDenyAfterDays?: number;
  approverGroupId?: string;
}

/** A configured connected organisation the flow may trust, as the editor lists it. */
export interface ApprovalOrganization {
  id: string;
  displayName: string;
  domains: string[];
}

/**
 * The flow's sign-up approval queue: on or off, the domains and connected organisations admitted at
 * once, when a request lapses, who is asked.
 */
export async function ApprovalSection({
  flow,
  here,
  canWrite,
  problems,
  organizations,
}: EditorSectionProps & { organizations: readonly ApprovalOrganization[] }) {
  const t = await getTranslations("admin.userFlows.editor.approval");
  const stored = flow.definition.signUpApproval as StoredApproval | undefined;
  const trusted = stored?.autoApproveConnectedOrganizations ?? false;
  const mode = trusted === true ? "all" : Array.isArray(trusted) && trusted.length > 0 ? "listed" : "none";
  const listed = new Set(Array.isArray(trusted) ? trusted : []);
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
          <fieldset aria-describedby={described("approval-organizations-hint")}>
            <legend className="font-semibold">{t("organizations")}</legend>
            <p id="approval-organizations-hint" className="text-sm text-gray-800">
              {t("organizationsHint")}
            </p>
            {(["none", "all", "listed"] as const).map((value) => (
              <div key={value} className="flex min-h-11 items-center gap-3">
                <input
                  type="radio"
                  id={`approval-organizations-${value}`}
                  name="connectedOrganizations"
                  value={value}
                  defaultChecked={mode === value}
                  className="size-5"
                />
                <label htmlFor={`approval-organizations-${value}`}>
                  {t(value === "none" ? "organizationsNone" : value === "all" ? "organizationsAll" : "organizationsListed")}
                </label>
              </div>
            ))}
            {organizations.length === 0 ? (
              <p className="mt-1 text-sm text-gray-800">{t("organizationsEmpty")}</p>
            ) : (
              <ul className="mt-1 ml-8">
                {organizations.map((organization) => (
                  <li key={organization.id} className="flex min-h-11 items-center gap-3">
                    <input
                      type="checkbox"
                      id={`approval-organization-${organization.id}`}
                      name="connectedOrganization"
                      value={organization.id}
                      defaultChecked={listed.has(organization.id)}
                      className="size-5"
                    />
                    <label htmlFor={`approval-organization-${organization.id}`}>
                      {t("organizationsChoice", { name: organization.displayName, domains: organization.domains.join(", ") })}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
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
