/** A translator of `admin.access` (loosened: the keys are checked where the pages call it). */
type AccessT = (key: string, values?: Record<string, string | number>) => string;

/** The label a problem of the policy form names (stage fields say their stage). */
export function problemLabels(t: AccessT): (field: string) => string {
  return (field) => {
    const stage = /^stage(\d)(Approvers|Fallback|Days)$/.exec(field);
    if (stage) {
      const part = { Approvers: t("policy.approvers"), Fallback: t("policy.fallback"), Days: t("policy.decisionDays") }[
        stage[2] as "Approvers" | "Fallback" | "Days"
      ];
      return `${t("policy.stage", { number: Number(stage[1]) })}: ${part}`;
    }
    const labels: Record<string, string> = {
      displayName: t("fields.displayName"),
      description: t("fields.description"),
      scope: t("policy.scope"),
      organizations: t("policy.organizations"),
      targets: t("policy.targetUsers"),
      expirationDays: t("policy.expirationDays"),
      expirationDate: t("policy.expirationDate"),
    };
    return labels[field] ?? t("policy.scope");
  };
}
