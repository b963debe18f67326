import { useTranslations } from "next-intl";
import type { FieldProblem } from "../../_lib/myaccess";

/** The requestor's own start and end dates, where the policy allows them; empty means now and the policy's end. */
export function ScheduleFields({
  problems,
  values,
}: {
  problems: Record<string, FieldProblem>;
  values: Record<string, string[]>;
}) {
  const t = useTranslations("myAccess");
  return (
    <fieldset className="mt-6" aria-describedby="schedule-hint">
      <legend className="font-semibold">
        {t("package.schedule")} <span className="font-normal">{t("package.optional")}</span>
      </legend>
      <p id="schedule-hint" className="mt-1 text-sm">
        {t("package.scheduleHint")}
      </p>
      {(["startDate", "endDate"] as const).map((field) => (
        <div key={field} className="mt-3">
          <label htmlFor={field} className="block font-semibold">
            {t(`package.${field}`)}
          </label>
          <input
            id={field}
            name={field}
            type="date"
            defaultValue={values[field]?.[0] ?? ""}
            aria-invalid={problems[field] ? true : undefined}
            aria-describedby={problems[field] ? `${field}-error` : undefined}
            className="mt-1 block rounded-md border border-gray-600 bg-white px-3 py-2 text-black aria-invalid:border-red-700 aria-invalid:ring-2 aria-invalid:ring-red-700"
          />
          {problems[field] && (
            <p id={`${field}-error`} className="mt-1 text-sm font-semibold text-red-800">
              {t(`errors.${problems[field] === "unknown" ? "choice" : problems[field]!}`)}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}
