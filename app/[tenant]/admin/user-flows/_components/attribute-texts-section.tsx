import { getTranslations } from "next-intl/server";
import { LOCALE_AUTONYMS, type Locale } from "../../../../_lib/i18n";
import type { AttributeEntry } from "../../../../_lib/journeys";
import { BUTTON, FieldProblem, INPUT, problemId, ReturnTo } from "../../_components/form-parts";
import { hasOptions, isCustomEntry, optionsOf, textField, textsOf } from "../_lib/attribute-texts-form";
import { H2, SECTION, versionOf, type EditorSectionProps } from "./editor-props";

type Props = EditorSectionProps & { typed: Record<string, string> };

/**
 * The texts of each custom attribute the flow collects — label, help, and a choice list's choices —
 * in every language the tenant offers: one plain form per attribute (works without JavaScript),
 * what was typed coming back next to a refused field.
 */
export async function AttributeTextsSection(props: Props) {
  const t = await getTranslations("admin.userFlows.editor.attributeTexts");
  const custom = (props.flow.definition.attributes ?? []).filter(isCustomEntry);
  return (
    <section aria-labelledby="attribute-texts-heading" className={SECTION}>
      <h2 id="attribute-texts-heading" className={H2}>
        {t("title")}
      </h2>
      <p className="mt-2 max-w-3xl">{t("intro")}</p>
      {custom.length === 0 ? (
        <p className="mt-4">{t("none")}</p>
      ) : (
        custom.map((entry) => <AttributeTextsForm key={entry.name} {...props} entry={entry} />)
      )}
    </section>
  );
}

async function AttributeTextsForm(props: Props & { entry: AttributeEntry }) {
  const { tenant, flow, here, canWrite, problems, typed, entry } = props;
  const t = await getTranslations("admin.userFlows.editor.attributeTexts");
  const name = entry.name;
  const locales = tenant.locales.enabled;
  const label = textsOf(entry.label);
  const help = textsOf(entry.help);
  // What was typed comes back only into the form that was refused; the others show what is stored.
  const refused = Object.keys(problems).some((key) => key.startsWith(`${name}-`));
  const value = (field: string, stored: string | undefined) => (refused ? (typed[field] ?? "") : (stored ?? ""));
  const field = (id: string, text: string, stored: string | undefined, lang?: Locale, required = false) => (
    <div>
      <label htmlFor={id} className="block">
        {text}
      </label>
      <input
        id={id}
        name={id}
        lang={lang}
        readOnly={!canWrite}
        required={required}
        defaultValue={value(id, stored)}
        aria-invalid={problems[id] ? true : undefined}
        aria-describedby={problems[id] ? problemId(id) : undefined}
        className={INPUT}
      />
      <FieldProblem field={id} text={problems[id]} />
    </div>
  );
  const options = optionsOf(entry);
  const body = (
    <>
      {locales.map((locale) => (
        <fieldset key={locale} className="mt-4 grid gap-4 sm:grid-cols-2">
          <legend className="font-semibold" lang={locale}>
            {LOCALE_AUTONYMS[locale]}
          </legend>
          {field(textField.label(name, locale), t("label"), label[locale], locale, true)}
          {field(textField.help(name, locale), t("help"), help[locale], locale)}
        </fieldset>
      ))}
      {hasOptions(entry) && (
        <fieldset id={textField.options(name)} className="mt-6" tabIndex={-1}>
          <legend className="font-semibold">{t("options")}</legend>
          <FieldProblem field={textField.options(name)} text={problems[textField.options(name)]} />
          {[...options, undefined].map((option, index) => (
            <fieldset key={option?.value ?? "new"} className="mt-4 rounded border border-gray-300 p-4">
              <legend className="px-1">{option ? t("option", { number: index + 1 }) : t("newOption")}</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                {field(textField.optionValue(name, index), t("optionValue"), option?.value)}
                {locales.map((locale) => (
                  <div key={locale}>
                    {field(
                      textField.optionLabel(name, index, locale),
                      t("optionLabel", { language: LOCALE_AUTONYMS[locale] }),
                      option ? textsOf(option.label)[locale] : undefined,
                      locale,
                    )}
                  </div>
                ))}
              </div>
              {option && canWrite && (
                <div className="mt-3 flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    id={textField.optionRemove(name, index)}
                    name={textField.optionRemove(name, index)}
                    className="size-5"
                  />
                  <label htmlFor={textField.optionRemove(name, index)}>{t("removeOption")}</label>
                </div>
              )}
            </fieldset>
          ))}
        </fieldset>
      )}
    </>
  );
  const heading = (
    <h3 id={textField.form(name)} className="text-lg font-semibold" tabIndex={-1}>
      <span className="font-mono">{name}</span>
    </h3>
  );
  if (!canWrite)
    return (
      <div className="mt-6">
        {heading}
        {body}
      </div>
    );
  return (
    <form method="post" action={`${here}/attribute-texts`} className="mt-6" noValidate aria-labelledby={textField.form(name)}>
      <ReturnTo path={here} />
      <input type="hidden" name="version" value={versionOf(flow)} />
      <input type="hidden" name="field" value={textField.form(name)} />
      <input type="hidden" name="attribute" value={name} />
      {heading}
      <FieldProblem field={textField.form(name)} text={problems[textField.form(name)]} />
      {body}
      <button type="submit" className={`${BUTTON} mt-4`}>
        {t("save", { attribute: name })}
      </button>
    </form>
  );
}
