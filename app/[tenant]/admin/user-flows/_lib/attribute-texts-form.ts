import { customAttributeSchema } from "../../../../_lib/directory";
import type { Locale } from "../../../../_lib/i18n";
import type { AttributeEntry } from "../../../../_lib/journeys";

/** Texts keyed by language, as a flow file writes a label, a help text or a choice's label. */
export type Texts = Partial<Record<string, string>>;
export interface ChoiceOption {
  value: string;
  label: Texts;
}

/** The form's field names, one set per custom attribute (several forms share one page). */
export const textField = {
  form: (attribute: string) => `${attribute}-texts`,
  label: (attribute: string, locale: string) => `${attribute}-label-${locale}`,
  help: (attribute: string, locale: string) => `${attribute}-help-${locale}`,
  options: (attribute: string) => `${attribute}-options`,
  optionValue: (attribute: string, index: number) => `${attribute}-option-${index}-value`,
  optionLabel: (attribute: string, index: number, locale: string) => `${attribute}-option-${index}-${locale}`,
  optionRemove: (attribute: string, index: number) => `${attribute}-option-${index}-remove`,
};

/** Custom attributes carry their own texts (`type` present); built-ins take the messages'. */
export const isCustomEntry = (entry: AttributeEntry) => typeof entry.type === "string";
export const hasOptions = (entry: AttributeEntry) => entry.type === "singleChoice" || entry.type === "multipleChoice";
export const textsOf = (value: unknown): Texts => (value && typeof value === "object" ? (value as Texts) : {});
export const optionsOf = (entry: AttributeEntry): ChoiceOption[] =>
  Array.isArray(entry.options) ? (entry.options as ChoiceOption[]) : [];

export interface AttributeTextsInput {
  entry: AttributeEntry;
  problems: Record<string, string>;
  typed: Record<string, string>;
}

/**
 * The attribute's entry with the posted label, help and choices in the tenant's languages (a text
 * in another language stays as it was). Checked with the user-flows file's own rules
 * (customAttributeSchema) and the tenant's (a text in every language it offers), each problem
 * pointed at the field it comes from; the user-flow service checks the whole flow again on save.
 * Choices: each existing row (value, label per language, "remove") and one empty row to add one.
 */
export function readAttributeTexts(
  form: URLSearchParams,
  current: AttributeEntry,
  locales: readonly Locale[],
): AttributeTextsInput {
  const name = current.name;
  const typed: Record<string, string> = {};
  const problems: Record<string, string> = {};
  const read = (field: string) => {
    const value = (form.get(field) ?? "").trim();
    if (value) typed[field] = value;
    return value;
  };
  const merge = (stored: Texts, field: (locale: string) => string, required: boolean) => {
    const texts: Texts = { ...stored };
    for (const locale of locales) {
      const value = read(field(locale));
      if (value) texts[locale] = value;
      else {
        delete texts[locale];
        if (required) problems[field(locale)] = "textRequired";
      }
    }
    return texts;
  };
  const label = merge(textsOf(current.label), (locale) => textField.label(name, locale), true);
  const help = merge(textsOf(current.help), (locale) => textField.help(name, locale), false);
  // A help text, once given, is needed in every language the tenant offers (as the file's rule has it).
  if (locales.some((locale) => help[locale]))
    for (const locale of locales) if (!help[locale]) problems[textField.help(name, locale)] = "helpEveryLanguage";
  const entry: AttributeEntry = { ...current, label };
  if (Object.keys(help).length > 0) entry.help = help;
  else delete entry.help;

  // Which form row each kept choice came from, to point a problem of the list at its row.
  const rows: number[] = [];
  if (hasOptions(current)) {
    const options: ChoiceOption[] = [];
    const stored = optionsOf(current);
    for (let index = 0; index <= stored.length; index++) {
      const value = read(textField.optionValue(name, index));
      const removed = form.get(textField.optionRemove(name, index)) === "on";
      const labelField = (locale: string) => textField.optionLabel(name, index, locale);
      const typedLabels = locales.some((locale) => read(labelField(locale)));
      // The empty row for a new choice counts only when something was written in it.
      if (removed || (index === stored.length && !value && !typedLabels)) continue;
      options.push({ value, label: merge(index < stored.length ? textsOf(stored[index]!.label) : {}, labelField, true) });
      rows.push(index);
    }
    entry.options = options;
  }

  const { required: _required, apps: _apps, ...declaration } = entry;
  const checked = customAttributeSchema.safeParse(declaration);
  if (!checked.success)
    for (const issue of checked.error.issues) {
      const [head, second, third, fourth] = issue.path;
      let field = textField.form(name);
      let code = "invalid";
      if ((head === "label" || head === "help") && typeof second === "string") {
        field = head === "label" ? textField.label(name, second) : textField.help(name, second);
        code = head === "label" ? "textLength" : "helpLength";
      } else if (head === "options" && typeof second === "number") {
        const row = rows[second] ?? second;
        if (third === "value") {
          field = textField.optionValue(name, row);
          code = issue.message.includes("twice") ? "optionDuplicate" : "optionValue";
        } else if (third === "label" && typeof fourth === "string") {
          field = textField.optionLabel(name, row, fourth);
          code = "textLength";
        }
      } else if (head === "options") {
        field = textField.options(name);
        code = "optionsCount";
      }
      problems[field] ??= code;
    }
  return { entry, problems, typed };
}
