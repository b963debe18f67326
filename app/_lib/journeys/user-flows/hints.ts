import {
  countryOptions,
  isBuiltInAttributeName,
  pickText,
  type AttributeDefinition,
  type BuiltInAttributeName,
  type LocalizedText,
} from "../../directory";
import type { MessageKey } from "../../i18n";
import { overrideFor } from "./overrides";
import type { FlowAttribute, UserFlow } from "./types";
import { attributesFor, type AttributeSelection } from "./visible-attributes";

/** Words for the page: a message id next-intl translates, or a text the administrator already wrote in the page's language. */
export type DisplayText = { readonly id: MessageKey } | { readonly text: string };

export interface AttributeHint {
  readonly name: string;
  /** Which control to render. A short single choice is a radio group: all options visible, one tap each. */
  readonly control: "input" | "select" | "radio" | "checkbox" | "checkboxes";
  /** The `<input type>`, for control "input". Integers use text + numeric keyboard, which behaves better than type=number. */
  readonly type?: "text" | "email" | "tel" | "date";
  readonly required: boolean;
  /** Shown, not submitted: the value comes from the identity (email). */
  readonly readOnly: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** For the HTML `pattern` attribute, which anchors and uses the `v` flag as the server does. */
  readonly pattern?: string;
  readonly min?: string;
  readonly max?: string;
  readonly inputMode?: "text" | "tel" | "email" | "numeric";
  readonly autocomplete?: string;
  readonly label: DisplayText;
  readonly help?: DisplayText;
  readonly options?: readonly { readonly value: string; readonly label: DisplayText }[];
  /** The value the control starts with when the guest has given none (the flow's `defaultCountry`). */
  readonly suggested?: string;
}

/** A pattern of digits only (`[0-9]{8}`, `\d{4,6}`): the phone's digit keyboard fits it. */
const DIGITS_ONLY = /^(?:\[0-9\]|\\d)(?:\{\d+(?:,\d*)?\}|[+*])?$/;

export interface HintOptions extends AttributeSelection {
  /** The page's language; labels and country names are given in it. */
  locale?: string;
  /** Languages to fall back on for an administrator's text missing in `locale` (the tenant default first). */
  fallbackLocales?: readonly string[];
}

/** Longer single-choice lists become a select: a radio group that scrolls is harder to use than one. */
const MAX_RADIOS = 6;
/** Built-ins with a help text in messages (`attributes.help.<name>`). */
const BUILT_IN_HELP = ["email", "phone"] as const satisfies readonly BuiltInAttributeName[];
const hasHelpText = (name: BuiltInAttributeName): name is (typeof BUILT_IN_HELP)[number] =>
  (BUILT_IN_HELP as readonly string[]).includes(name);

/**
 * What the page needs to render each attribute with the browser's own checks (required,
 * maxlength, pattern, autocomplete, the right keyboard). The server re-checks everything:
 * these only spare the guest a round trip.
 */
export function hintAttributesFor(flow: UserFlow, options: HintOptions): AttributeHint[] {
  return attributesFor(flow, options).map((attribute) => hintFor(flow, attribute, options));
}

function hintFor(flow: UserFlow, { definition, required }: FlowAttribute, options: HintOptions): AttributeHint {
  const text = (value: LocalizedText | undefined): DisplayText | undefined => {
    const picked = pickText(value, options.locale, options.fallbackLocales);
    return picked === undefined ? undefined : { text: picked };
  };
  const message = (id: MessageKey): DisplayText => {
    const override = overrideFor(flow, options.locale, id);
    return override === undefined ? { id } : { text: override };
  };
  // Typed by name, so that `attributes.labels.<name>` is checked against the messages for every built-in.
  const builtIn = definition.kind === "builtIn" && isBuiltInAttributeName(definition.name) ? definition.name : undefined;
  const label = builtIn ? message(`attributes.labels.${builtIn}`) : (text(definition.label) ?? { text: definition.name });
  const help = builtIn ? (hasHelpText(builtIn) ? message(`attributes.help.${builtIn}`) : undefined) : text(definition.help);
  return {
    name: definition.name,
    ...control(definition, options.locale, text),
    required: definition.source === "user" && required,
    readOnly: definition.source === "identity",
    ...(definition.type === "string"
      ? { minLength: definition.minLength, maxLength: definition.maxLength, pattern: definition.pattern }
      : {}),
    ...(definition.min !== undefined ? { min: String(definition.min) } : {}),
    ...(definition.max !== undefined ? { max: String(definition.max) } : {}),
    inputMode:
      definition.inputMode ??
      (definition.type === "string" && DIGITS_ONLY.test(definition.pattern ?? "") ? "numeric" : undefined),
    autocomplete: definition.autocomplete,
    label,
    help,
    ...(definition.type === "string" && definition.format === "country" && flow.defaultCountry
      ? { suggested: flow.defaultCountry }
      : {}),
  };
}

function control(
  definition: AttributeDefinition,
  locale: string | undefined,
  text: (value: LocalizedText | undefined) => DisplayText | undefined,
): Pick<AttributeHint, "control" | "type" | "options" | "pattern"> {
  const choices = () => (definition.options ?? []).map((o) => ({ value: o.value, label: text(o.label) ?? { text: o.value } }));
  switch (definition.type) {
    case "boolean":
      return { control: "checkbox" };
    case "date":
      return { control: "input", type: "date" };
    case "integer":
      return { control: "input", type: "text", pattern: "-?[0-9]+" };
    case "singleChoice":
      return { control: (definition.options?.length ?? 0) <= MAX_RADIOS ? "radio" : "select", options: choices() };
    case "multipleChoice":
      return { control: "checkboxes", options: choices() };
    case "string":
      if (definition.format === "country")
        return {
          control: "select",
          options: countryOptions(locale ?? "en").map((c) => ({ value: c.code, label: { text: c.name } })),
        };
      return {
        control: "input",
        type: definition.source === "identity" ? "email" : definition.format === "phone" ? "tel" : "text",
      };
  }
}
