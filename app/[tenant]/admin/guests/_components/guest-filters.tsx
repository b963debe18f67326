import type { getTranslations } from "next-intl/server";
import { buttonClass, inputClass, linkClass } from "../_lib/format";
import { CREATED_VIA, SORTS, STATES, USER_TYPES, type ListField, type ListForm } from "../_lib/list-query";

type T = Awaited<ReturnType<typeof getTranslations<"admin.guests.list">>>;

interface Props {
  action: string;
  form: ListForm;
  /** The tenant's flows, or undefined when the role may not list them (then the name is typed). */
  flows: string[] | undefined;
  providers: string[];
  t: T;
}

const errorId = (field: string) => `${field}-error`;

/** The list's search and filters: one GET form, so it works without JavaScript and the URL is shareable. */
export function GuestFilters({ action, form, flows, providers, t }: Props) {
  const problems = Object.entries(form.problems) as [ListField, "invalid" | "range"][];
  const field = (name: ListField) => ({
    id: `filter-${name}`,
    name,
    "aria-invalid": form.problems[name] ? true : undefined,
    "aria-describedby": form.problems[name] ? errorId(name) : undefined,
  });
  const problem = (name: ListField) =>
    form.problems[name] && (
      <p id={errorId(name)} className="mt-1 text-sm font-semibold text-red-800">
        {t(form.problems[name] === "range" ? "problems.range" : "problems.invalid")}
      </p>
    );
  const select = (name: "state" | "userType" | "createdVia" | "sort", options: readonly string[], any = true) => (
    <div>
      <label htmlFor={`filter-${name}`} className="block font-semibold">
        {t(`fields.${name}`)}
      </label>
      <select {...field(name)} defaultValue={form.values[name] ?? ""} className={inputClass}>
        {any && <option value="">{t("any")}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {t(`options.${name}.${option}` as Parameters<T>[0])}
          </option>
        ))}
      </select>
      {problem(name)}
    </div>
  );
  return (
    <>
      {problems.length > 0 && (
        <div
          role="alert"
          aria-labelledby="filter-errors-title"
          tabIndex={-1}
          id="filter-errors"
          className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-4 text-red-900"
        >
          <h2 id="filter-errors-title" className="font-semibold">
            {t("errorSummary")}
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {problems.map(([name, code]) => (
              <li key={name}>
                <a href={`#filter-${name}`} className="underline underline-offset-2">
                  {t(`fields.${name === "cursor" ? "sort" : name}`)}:{" "}
                  {t(code === "range" ? "problems.range" : "problems.invalid")}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" action={action} role="search" aria-label={t("searchLabel")} className="mt-4 space-y-4">
        <div>
          <label htmlFor="filter-q" className="block font-semibold">
            {t("fields.q")}
          </label>
          <p id="filter-q-help" className="text-sm text-gray-700">
            {t("searchHelp")}
          </p>
          <input
            {...field("q")}
            type="search"
            defaultValue={form.values.q ?? ""}
            maxLength={256}
            aria-describedby={form.problems.q ? `filter-q-help ${errorId("q")}` : "filter-q-help"}
            className={inputClass}
          />
          {problem("q")}
        </div>
        <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <legend className="mb-2 font-semibold">{t("filtersLegend")}</legend>
          {select("state", STATES)}
          {select("userType", USER_TYPES)}
          {select("createdVia", CREATED_VIA)}
          <div>
            <label htmlFor="filter-flow" className="block font-semibold">
              {t("fields.flow")}
            </label>
            {flows ? (
              <select {...field("flow")} defaultValue={form.values.flow ?? ""} className={inputClass}>
                <option value="">{t("any")}</option>
                {flows.map((flow) => (
                  <option key={flow} value={flow}>
                    {flow}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...field("flow")}
                type="text"
                defaultValue={form.values.flow ?? ""}
                maxLength={128}
                className={inputClass}
              />
            )}
            {problem("flow")}
          </div>
          <div>
            <label htmlFor="filter-provider" className="block font-semibold">
              {t("fields.provider")}
            </label>
            <select {...field("provider")} defaultValue={form.values.provider ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {providers.map((provider) => (
                <option key={provider} value={provider}>
                  {provider}
                </option>
              ))}
            </select>
            {problem("provider")}
          </div>
          {select("sort", SORTS, false)}
          <div>
            <label htmlFor="filter-from" className="block font-semibold">
              {t("fields.from")}
            </label>
            <input {...field("from")} type="date" defaultValue={form.values.from ?? ""} className={inputClass} />
            {problem("from")}
          </div>
          <div>
            <label htmlFor="filter-to" className="block font-semibold">
              {t("fields.to")}
            </label>
            <input {...field("to")} type="date" defaultValue={form.values.to ?? ""} className={inputClass} />
            {problem("to")}
          </div>
          <p className="self-end text-sm text-gray-700">{t("datesHelp")}</p>
        </fieldset>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className={buttonClass}>
            {t("apply")}
          </button>
          <a href={action} className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t("reset")}
          </a>
        </div>
      </form>
    </>
  );
}
