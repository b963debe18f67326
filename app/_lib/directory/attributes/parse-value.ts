import { checkFormat, type FormatContext } from "./check-format";
import { hasInvisibleCharacters } from "./invisible";
import { attributeMessage, type AttributeMessage } from "./problems";
import { matchesPattern, patternRegex } from "./safe-pattern";
import type { AttributeDefinition, AttributeValue } from "./types";

/** `null`: the guest left an optional attribute empty (so a profile edit can clear a value). */
export type ParsedValue = { ok: true; value: AttributeValue | null } | { ok: false; message: AttributeMessage };

const fail = (message: AttributeMessage): ParsedValue => ({ ok: false, message });
const ok = (value: AttributeValue | null): ParsedValue => ({ ok: true, value });

/** Characters no form field legitimately holds; they hide text from people reviewing the directory. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** More than any field needs; anything longer is refused before any other work is done on it. */
const HARD_LIMIT = 4000;

/**
 * Turns what a form sent for one attribute into its stored value, or says why it cannot. Input
 * is what FormData gives (a string, or several for a multiple choice) or what a JSON API gives
 * (numbers and booleans too). Text is NFC-normalised and trimmed before it is measured.
 */
export function parseAttributeValue(
  definition: AttributeDefinition,
  raw: unknown,
  required: boolean,
  context: FormatContext = {},
): ParsedValue {
  if (definition.type === "multipleChoice") return parseChoices(definition, raw, required);
  const text = asText(raw);
  if (text === undefined) return fail(attributeMessage("invalid"));
  if (hasInvisibleCharacters(text)) return fail(attributeMessage("invisibleCharacters"));
  if (definition.type === "boolean") return parseBoolean(text, required);
  if (text === "") return required ? fail(attributeMessage(isChoice(definition) ? "requiredChoice" : "required")) : ok(null);
  switch (definition.type) {
    case "string":
      return parseString(definition, text, context);
    case "integer":
      return parseInteger(definition, text);
    case "date":
      return parseDate(definition, text, context.locale);
    case "singleChoice":
      return definition.options?.some((o) => o.value === text) ? ok(text) : fail(attributeMessage("invalidOption"));
  }
}

/** A list to pick from (options, a country): "choose one", not "fill in", is what the person must do. */
function isChoice(definition: AttributeDefinition): boolean {
  return definition.type === "singleChoice" || (definition.type === "string" && definition.format === "country");
}

/**
 * A pattern's rule in words when it is one people can be told ("eight digits"): digits of a fixed
 * count, `[0-9]{8}` or `\d{8}`. Any other pattern gets the message that points at the help text.
 */
export function patternMessage(pattern: string): AttributeMessage {
  const digits = /^(?:\[0-9\]|\\d)\{(\d{1,2})\}$/.exec(pattern);
  return digits ? attributeMessage("patternDigits", { count: Number(digits[1]) }) : attributeMessage("pattern");
}

function asText(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return "";
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  if (typeof raw !== "string" || raw.length > HARD_LIMIT || CONTROL.test(raw)) return undefined;
  return raw.normalize("NFC").trim();
}

function parseString(definition: AttributeDefinition, text: string, context: FormatContext): ParsedValue {
  // Measured as the browser's maxlength measures (UTF-16 code units), so both sides agree.
  if (definition.maxLength !== undefined && text.length > definition.maxLength)
    return fail(attributeMessage("tooLong", { max: definition.maxLength }));
  if (definition.minLength !== undefined && text.length < definition.minLength)
    return fail(attributeMessage("tooShort", { min: definition.minLength }));
  const formatted = checkFormat(definition, text, context);
  if (!formatted.ok) return formatted;
  if (definition.pattern !== undefined && !matchesPattern(patternRegex(definition.pattern), formatted.value))
    return fail(patternMessage(definition.pattern));
  return ok(formatted.value);
}

function parseInteger(definition: AttributeDefinition, text: string): ParsedValue {
  // Plain decimal digits only: "1e3", "0x10" and "12.0" are not what a person means by a whole number.
  if (!/^[+-]?\d{1,15}$/.test(text)) return fail(attributeMessage("notANumber"));
  const value = Number(text);
  if (typeof definition.min === "number" && value < definition.min)
    return fail(attributeMessage("tooSmall", { min: definition.min }));
  if (typeof definition.max === "number" && value > definition.max)
    return fail(attributeMessage("tooLarge", { max: definition.max }));
  return ok(value);
}

const TRUE = new Set(["true", "on", "1", "yes"]);
const FALSE = new Set(["", "false", "off", "0", "no"]);

/** A checkbox sends "on" when ticked and nothing otherwise; a required one must be ticked (terms, consent). */
function parseBoolean(text: string, required: boolean): ParsedValue {
  const value = text.toLowerCase();
  if (!TRUE.has(value) && !FALSE.has(value)) return fail(attributeMessage("invalid"));
  if (required && !TRUE.has(value)) return fail(attributeMessage("mustBeChecked"));
  return ok(TRUE.has(value));
}

/** `YYYY-MM-DD`, what `<input type="date">` sends whatever the page's language; the day must exist. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDate(definition: AttributeDefinition, text: string, locale: string | undefined): ParsedValue {
  if (!isIsoDate(text)) return fail(attributeMessage("invalidDate"));
  // ISO dates compare correctly as strings.
  const shown = (date: string) =>
    locale ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`)) : date;
  if (typeof definition.min === "string" && text < definition.min)
    return fail(attributeMessage("tooEarly", { min: shown(definition.min) }));
  if (typeof definition.max === "string" && text > definition.max)
    return fail(attributeMessage("tooLate", { max: shown(definition.max) }));
  return ok(text);
}

function parseChoices(definition: AttributeDefinition, raw: unknown, required: boolean): ParsedValue {
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  if (list.length > (definition.options?.length ?? 0) * 2 + 1 || !list.every((v) => typeof v === "string"))
    return fail(attributeMessage("invalid"));
  const chosen = [...new Set((list as string[]).map((v) => v.trim()).filter(Boolean))];
  if (!chosen.every((v) => definition.options?.some((o) => o.value === v))) return fail(attributeMessage("invalidOption"));
  if (chosen.length === 0) return required ? fail(attributeMessage("requiredChoice")) : ok(null);
  // Stored in the definition's order, so the same choice is always the same value.
  return ok(definition.options!.map((o) => o.value).filter((v) => chosen.includes(v)));
}
