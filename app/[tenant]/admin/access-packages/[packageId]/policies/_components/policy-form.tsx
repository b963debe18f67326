import type { getTranslations } from "next-intl/server";
import { BUTTON, FieldProblem, INPUT, ReturnTo, problemId } from "../../../../_components/form-parts";
import { Check, Field, Group, Radio } from "../../../_components/fields";
import { FORM_SCOPES, FORM_STAGES, MAX_DAYS, type PolicyFormValues } from "../_lib/policy-fields";

type AccessT = Awaited<ReturnType<typeof getTranslations<"admin.access">>>;

interface Props {
  action: string;
  here: string;
  values: PolicyFormValues;
  problems: Record<string, string>;
  groups: { id: string; displayName: string }[];
  organizations: { id: string; displayName: string; state: string }[];
  submit: string;
  t: AccessT;
}

/**
 * Every setting of an assignment policy the portal edits: who may request (incl. connected
 * organisations and all external users), approval in up to three stages with their approvers,
 * the requestor's justification, expiration and what people may do with their own access. Works
 * without script: every stage's fields are there, the number of stages chosen says which count.
 */
export function PolicyForm({ action, here, values, problems, groups, organizations, submit, t }: Props) {
  const list = (key: string) => (values[key] ?? "").split(",");
  const on = (key: string) => values[key] === "on";
  return (
    <form method="post" action={action} className="mt-6 space-y-6" noValidate>
      <ReturnTo path={here} />
      <Field
        name="displayName"
        label={t("fields.displayName")}
        value={values.displayName ?? ""}
        problem={problems.displayName}
        maxLength={256}
        required
      />
      <Field
        name="description"
        label={t("fields.description")}
        value={values.description ?? ""}
        problem={problems.description}
        rows={2}
      />

      <Group name="scope" legend={t("policy.scope")} problem={problems.scope}>
        {FORM_SCOPES.map((scope) => (
          <Radio key={scope} name="scope" value={scope} label={t(`policy.scopes.${scope}`)} checked={values.scope === scope} />
        ))}
      </Group>
      <Group
        name="organizations"
        legend={t("policy.organizations")}
        hint={t("policy.organizationsHint")}
        problem={problems.organizations}
      >
        {organizations.length === 0 && <p>{t("policy.noOrganizations")}</p>}
        {organizations.map((o) => (
          <Check
            key={o.id}
            name="organizations"
            value={o.id}
            label={`${o.displayName} (${t(o.state === "configured" ? "organizationStates.configured" : "organizationStates.proposed")})`}
            checked={list("organizations").includes(o.id)}
          />
        ))}
      </Group>
      <Group name="targetsGroup" legend={t("policy.targets")} hint={t("policy.targetsHint")}>
        <Field name="targets" label={t("policy.targetUsers")} value={values.targets ?? ""} problem={problems.targets} rows={3} />
        {groups.map((group) => (
          <Check
            key={group.id}
            name="targetGroups"
            value={group.id}
            label={t("policy.groupMembers", { name: group.displayName })}
            checked={list("targetGroups").includes(group.id)}
          />
        ))}
      </Group>
      <Check name="selfAdd" label={t("policy.selfAdd")} checked={on("selfAdd")} />

      <div>
        <label htmlFor="stages" className="block font-semibold">
          {t("policy.stages")}
        </label>
        <select id="stages" name="stages" defaultValue={values.stages ?? "0"} className={INPUT}>
          {[0, ...FORM_STAGES].map((count) => (
            <option key={count} value={String(count)}>
              {t("policy.stageCount", { count })}
            </option>
          ))}
        </select>
      </div>
      {FORM_STAGES.map((number) => (
        <Group
          key={number}
          name={`stage${number}`}
          legend={t("policy.stage", { number })}
          hint={t("policy.stageHint", { number })}
        >
          <Field
            name={`stage${number}Approvers`}
            label={t("policy.approvers")}
            hint={t("policy.approversHint")}
            value={values[`stage${number}Approvers`] ?? ""}
            problem={problems[`stage${number}Approvers`]}
            rows={2}
          />
          <div className="mt-3">
            <label htmlFor={`stage${number}Group`} className="block font-semibold">
              {t("policy.approverGroup")}
            </label>
            <select
              id={`stage${number}Group`}
              name={`stage${number}Group`}
              defaultValue={values[`stage${number}Group`] ?? ""}
              className={INPUT}
            >
              <option value="">{t("policy.noGroup")}</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.displayName}
                </option>
              ))}
            </select>
          </div>
          <Check name={`stage${number}Manager`} label={t("policy.approverManager")} checked={on(`stage${number}Manager`)} />
          <Check name={`stage${number}Sponsors`} label={t("policy.approverSponsors")} checked={on(`stage${number}Sponsors`)} />
          <div className="mt-3">
            <Field
              name={`stage${number}Fallback`}
              label={t("policy.fallback")}
              hint={t("policy.fallbackHint")}
              value={values[`stage${number}Fallback`] ?? ""}
              problem={problems[`stage${number}Fallback`]}
              rows={2}
            />
          </div>
          <div className="mt-3">
            <Field
              name={`stage${number}Days`}
              type="number"
              min={1}
              max={MAX_DAYS}
              label={t("policy.decisionDays")}
              value={values[`stage${number}Days`] ?? ""}
              problem={problems[`stage${number}Days`]}
            />
          </div>
          <Check
            name={`stage${number}Justification`}
            label={t("policy.approverJustification")}
            checked={on(`stage${number}Justification`)}
          />
        </Group>
      ))}
      <Check name="requestorJustification" label={t("policy.requestorJustification")} checked={on("requestorJustification")} />

      <Group name="expiration" legend={t("policy.expiration")}>
        <Radio name="expiration" value="never" label={t("policy.expirations.never")} checked={values.expiration === "never"} />
        <Radio
          name="expiration"
          value="afterDuration"
          label={t("policy.expirations.afterDuration")}
          checked={values.expiration === "afterDuration"}
        />
        <div className="ml-7">
          <label htmlFor="expirationDays" className="block">
            {t("policy.expirationDays")}
          </label>
          <input
            id="expirationDays"
            name="expirationDays"
            type="number"
            min={1}
            max={MAX_DAYS}
            defaultValue={values.expirationDays ?? ""}
            aria-invalid={problems.expirationDays ? true : undefined}
            aria-describedby={problems.expirationDays ? problemId("expirationDays") : undefined}
            className={INPUT}
          />
          <FieldProblem field="expirationDays" text={problems.expirationDays} />
        </div>
        <Radio
          name="expiration"
          value="afterDateTime"
          label={t("policy.expirations.afterDateTime")}
          checked={values.expiration === "afterDateTime"}
        />
        <div className="ml-7">
          <label htmlFor="expirationDate" className="block">
            {t("policy.expirationDate")}
          </label>
          <input
            id="expirationDate"
            name="expirationDate"
            type="date"
            defaultValue={values.expirationDate ?? ""}
            aria-invalid={problems.expirationDate ? true : undefined}
            aria-describedby={problems.expirationDate ? problemId("expirationDate") : undefined}
            className={INPUT}
          />
          <FieldProblem field="expirationDate" text={problems.expirationDate} />
        </div>
      </Group>
      <Check name="customSchedule" label={t("policy.customSchedule")} checked={on("customSchedule")} />
      <Check name="selfExtend" label={t("policy.selfExtend")} checked={on("selfExtend")} />
      <Check name="approveExtensions" label={t("policy.approveExtensions")} checked={on("approveExtensions")} />
      <Check name="selfRemove" label={t("policy.selfRemove")} checked={on("selfRemove")} />
      <button type="submit" className={BUTTON}>
        {submit}
      </button>
    </form>
  );
}
