import { getTranslations } from "next-intl/server";
import { LOCALE_AUTONYMS } from "../../../../_lib/i18n";
import { BUTTON, FieldProblem, INPUT, problemId, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION, versionOf, type EditorSectionProps } from "./editor-props";

/**
 * The flow's own page texts in each language the tenant offers (overrides of the messages, one
 * `key = text` a line), one form per language. What the administrator typed comes back after a
 * refused line so nothing is lost.
 */
export async function TextsSection(props: EditorSectionProps & { typed: Record<string, string> }) {
  const { tenant, flow, here, canWrite, problems, typed } = props;
  const t = await getTranslations("admin.userFlows.editor.texts");
  const overrides = flow.definition.overrides ?? {};
  return (
    <section aria-labelledby="texts-heading" className={SECTION}>
      <h2 id="texts-heading" className={H2}>
        {t("title")}
      </h2>
      <p className="mt-2 max-w-3xl">{t("intro")}</p>
      {tenant.locales.enabled.map((locale) => {
        const field = `texts-${locale}`;
        const current = Object.entries(overrides[locale] ?? {})
          .map(([key, text]) => `${key} = ${text}`)
          .join("\n");
        const problem = problems[field];
        return (
          <form key={locale} method="post" action={`${here}/texts`} className="mt-6" noValidate>
            <ReturnTo path={here} />
            <input type="hidden" name="version" value={versionOf(flow)} />
            <input type="hidden" name="field" value={field} />
            <input type="hidden" name="locale" value={locale} />
            <h3 id={`${field}-heading`} className="text-lg font-semibold" lang={locale}>
              {LOCALE_AUTONYMS[locale]}
            </h3>
            <label htmlFor={field} className="mt-2 block font-semibold">
              {t("label", { language: LOCALE_AUTONYMS[locale] })}
            </label>
            <p id={`${field}-help`} className="text-sm text-gray-700">
              {t("help")}
            </p>
            <textarea
              id={field}
              name="texts"
              rows={4}
              lang={locale}
              readOnly={!canWrite}
              defaultValue={typed[field] ?? current}
              aria-invalid={problem ? true : undefined}
              aria-describedby={[`${field}-help`, problem ? problemId(field) : undefined].filter(Boolean).join(" ")}
              className={`${INPUT} font-mono text-sm`}
            />
            <FieldProblem field={field} text={problem} />
            {canWrite && (
              <button type="submit" className={`${BUTTON} mt-3`}>
                {t("save", { language: LOCALE_AUTONYMS[locale] })}
              </button>
            )}
          </form>
        );
      })}
    </section>
  );
}
