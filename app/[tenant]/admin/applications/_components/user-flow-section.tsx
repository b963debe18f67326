import { getTranslations } from "next-intl/server";
import { BUTTON, FieldProblem, INPUT, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION } from "./section-props";

/** Which user flow the application starts (sign-up and sign-in), through the user-flow service. */
export async function UserFlowSection(props: {
  here: string;
  canWrite: boolean;
  flows: { current: string | null; flows: { name: string; displayName: string }[] };
  problems: Record<string, string>;
}) {
  const { here, canWrite, flows, problems } = props;
  const t = await getTranslations("admin.applications");
  return (
    <section aria-labelledby="user-flow-heading" className={SECTION}>
      <h2 id="user-flow-heading" className={H2}>
        {t("userFlow.title")}
      </h2>
      <form method="post" action={`${here}/user-flow`} className="mt-4 flex flex-wrap items-end gap-3" noValidate>
        <ReturnTo path={here} />
        <div>
          <label htmlFor="userFlow" className="block font-semibold">
            {t("userFlow.label")}
          </label>
          <select
            id="userFlow"
            name="userFlow"
            defaultValue={flows.current ?? ""}
            disabled={!canWrite}
            className={`${INPUT} min-h-11`}
          >
            <option value="">{t("userFlow.none")}</option>
            {flows.flows.map((flow) => (
              <option key={flow.name} value={flow.name}>
                {flow.displayName === flow.name ? flow.name : `${flow.displayName} (${flow.name})`}
              </option>
            ))}
          </select>
          <FieldProblem field="userFlow" text={problems.userFlow} />
        </div>
        {canWrite && (
          <button type="submit" className={BUTTON}>
            {t("userFlow.save")}
          </button>
        )}
      </form>
    </section>
  );
}
