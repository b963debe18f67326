import { getTranslations } from "next-intl/server";
import { BUILT_IN_ATTRIBUTE_NAMES, isBuiltInAttributeName } from "../../../../_lib/directory";
import type { AttributeEntry, CustomAttribute } from "../../../../_lib/journeys";
import type { Locale } from "../../../../_lib/i18n";
import { BUTTON, DANGER_BUTTON, FieldProblem, INPUT, problemId, ReturnTo, SECONDARY_BUTTON } from "../../_components/form-parts";
import { H2, SECTION, versionOf, type EditorSectionProps } from "./editor-props";

const SMALL = "min-h-11 px-3 py-1";

/**
 * The attributes the flow collects, in the order of its sign-up page. Each row is its own small
 * form of submit buttons (up, down, required/optional, remove): reordering is keyboard-operable and
 * works without JavaScript, and each press is one audited edit of the stored flow.
 */
export async function AttributesSection(props: EditorSectionProps & { locale: Locale; catalog: readonly CustomAttribute[] }) {
  const { tenant, flow, here, canWrite, problems, locale, catalog } = props;
  const t = await getTranslations("admin.userFlows.editor.attributes");
  const labels = await getTranslations("attributes.labels");
  const list = flow.definition.attributes ?? [];
  const labelOf = (entry: AttributeEntry): string => {
    if (isBuiltInAttributeName(entry.name)) return labels(entry.name);
    const label = (entry.label ?? {}) as Partial<Record<string, string>>;
    return label[locale] ?? label[tenant.locales.default] ?? entry.name;
  };
  const collected = new Set(list.map((a) => a.name.toLowerCase()));
  const addable = [
    ...BUILT_IN_ATTRIBUTE_NAMES.map((name) => ({ name, label: labels(name) })),
    ...catalog.map((a) => ({ name: a.name, label: `${a.name} (${t(`dataTypes.${a.dataType}`)})` })),
  ].filter((a) => !collected.has(a.name.toLowerCase()));
  const version = versionOf(flow);
  return (
    <section aria-labelledby="attributes-heading" id="attributes" className={SECTION}>
      <h2 id="attributes-heading" className={H2}>
        {t("title")}
      </h2>
      <p className="mt-2 max-w-3xl">{t("intro")}</p>
      <FieldProblem field="attributes" text={problems.attributes} />
      {list.length === 0 ? (
        <p className="mt-4">{t("none")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("position")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("attribute")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("required")}
                </th>
                {canWrite && (
                  <th scope="col" className="py-2 pr-4">
                    {t("actions")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((entry, index) => {
                const label = labelOf(entry);
                const named = (text: string) => (
                  <>
                    {text}
                    <span className="sr-only">
                      {" – "}
                      {label}
                    </span>
                  </>
                );
                return (
                  <tr key={entry.name} id={`attribute-${entry.name}`} className="border-b border-gray-300">
                    <td className="py-2 pr-4">{index + 1}</td>
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {label} <span className="font-mono text-sm">({entry.name})</span>
                    </th>
                    <td className="py-2 pr-4">{entry.required === true ? t("yes") : t("no")}</td>
                    {canWrite && (
                      <td className="py-2 pr-4">
                        <form method="post" action={`${here}/attributes`} className="flex flex-wrap gap-2">
                          <ReturnTo path={here} />
                          <input type="hidden" name="version" value={version} />
                          <input type="hidden" name="field" value="attributes" />
                          <input type="hidden" name="attribute" value={entry.name} />
                          {index > 0 && (
                            <button type="submit" name="intent" value="up" className={`${SECONDARY_BUTTON} ${SMALL}`}>
                              {named(t("moveUp"))}
                            </button>
                          )}
                          {index < list.length - 1 && (
                            <button type="submit" name="intent" value="down" className={`${SECONDARY_BUTTON} ${SMALL}`}>
                              {named(t("moveDown"))}
                            </button>
                          )}
                          <button
                            type="submit"
                            name="intent"
                            value={entry.required === true ? "optional" : "required"}
                            className={`${SECONDARY_BUTTON} ${SMALL}`}
                          >
                            {named(entry.required === true ? t("makeOptional") : t("makeRequired"))}
                          </button>
                          <button type="submit" name="intent" value="remove" className={`${DANGER_BUTTON} ${SMALL}`}>
                            {named(t("remove"))}
                          </button>
                        </form>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && addable.length > 0 && (
        <form method="post" action={`${here}/attributes`} className="mt-6 flex flex-wrap items-end gap-4" noValidate>
          <ReturnTo path={here} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="field" value="newAttribute" />
          <input type="hidden" name="intent" value="add" />
          <div>
            <label htmlFor="newAttribute" className="block font-semibold">
              {t("add")}
            </label>
            <select
              id="newAttribute"
              name="attribute"
              className={`${INPUT} min-h-11`}
              aria-invalid={problems.newAttribute ? true : undefined}
              aria-describedby={problems.newAttribute ? problemId("newAttribute") : undefined}
            >
              {addable.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.label}
                </option>
              ))}
            </select>
            <FieldProblem field="newAttribute" text={problems.newAttribute} />
          </div>
          <div className="flex min-h-11 items-center gap-2">
            <input type="checkbox" id="newAttributeRequired" name="required" className="size-5" />
            <label htmlFor="newAttributeRequired">{t("addRequired")}</label>
          </div>
          <button type="submit" className={BUTTON}>
            {t("addButton")}
          </button>
        </form>
      )}
    </section>
  );
}
