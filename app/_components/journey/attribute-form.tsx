import type { ReactNode } from "react";
import type { AttributeHint, DisplayText, JourneyRecord, UiMessage } from "../../_lib/journeys";
import { ErrorSummary, FieldError, errorId, helpId } from "./messages";
import { JourneyForm, PrimaryButton, inputClass } from "./journey-form";
import { TERMS_FIELD, TermsField, type TermsLinks } from "./terms-field";
import type { Translate } from "./translator";

interface Props {
  action: string;
  journey: Pick<JourneyRecord, "version" | "ui">;
  hints: readonly AttributeHint[];
  t: Translate;
  /** The button's words (default: the sign-up page's "Continue"). */
  submitLabel?: string;
  /** The flow's terms, when this form must accept them (sign-up only). */
  terms?: TermsLinks;
  /** The proof-of-work widget, when creating the guest asks for one (sign-up only). */
  proofOfWork?: ReactNode;
}

const say = (text: DisplayText, t: Translate) => ("id" in text ? t(text.id) : text.text);

/**
 * The attribute page, generated from the flow: labels tied to inputs, help and errors tied with
 * aria-describedby, the browser's own checks from the hints (the server checks again), and what
 * the identity provider told us offered as a starting value.
 */
export function AttributeForm({ action, journey, hints, t, submitLabel, terms, proofOfWork }: Props) {
  const labels: Record<string, string> = Object.fromEntries(hints.map((hint) => [hint.name, say(hint.label, t)]));
  if (terms) labels[TERMS_FIELD] = t("journey.terms.accept");
  const editable = hints.filter((hint) => !hint.readOnly);
  // Focus on arrival goes to the first field; after an error the summary takes it (WCAG 2.4.3).
  const hasErrors = Object.keys(journey.ui.fieldErrors).length > 0;
  return (
    <>
      <ErrorSummary
        errors={journey.ui.fieldErrors}
        labels={labels}
        t={t}
        // The form's own "fix the errors" is what the summary's title says already.
        notes={journey.ui.messages.filter((message) => message.id !== "journey.attributes.fixErrors")}
      />
      <JourneyForm action={action} version={journey.version} className="mt-6 space-y-6">
        {editable.map((hint, index) => (
          <AttributeField
            key={hint.name}
            autoFocus={index === 0 && !hasErrors}
            hint={hint}
            label={labels[hint.name]!}
            value={journey.ui.values[hint.name]}
            error={journey.ui.fieldErrors[hint.name]}
            t={t}
          />
        ))}
        {terms && <TermsField links={terms} error={journey.ui.fieldErrors[TERMS_FIELD]} t={t} />}
        {proofOfWork}
        <PrimaryButton>{submitLabel ?? t("attributes.page.submit")}</PrimaryButton>
      </JourneyForm>
    </>
  );
}

interface FieldProps {
  hint: AttributeHint;
  label: string;
  value: string | string[] | undefined;
  error: UiMessage | undefined;
  t: Translate;
  autoFocus: boolean;
}

/** One attribute's control with its label, help and error (also the admin portal's guest editor). */
export function AttributeField({ hint, label, value, error, t, autoFocus }: FieldProps) {
  const described =
    [hint.help ? helpId(hint.name) : undefined, error ? errorId(hint.name) : undefined].filter(Boolean).join(" ") || undefined;
  const common = {
    id: hint.name,
    name: hint.name,
    required: hint.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described,
    autoFocus: autoFocus || undefined,
  } as const;
  const text = typeof value === "string" ? value : undefined;
  const chosen = new Set(Array.isArray(value) ? value : text ? [text] : []);
  const labelText = (
    <>
      {label}
      {!hint.required && <span className="font-normal"> {t("attributes.page.optional")}</span>}
    </>
  );
  const help = hint.help && (
    <p id={helpId(hint.name)} className="mt-1 text-sm text-gray-700">
      {say(hint.help, t)}
    </p>
  );

  if (hint.control === "radio" || hint.control === "checkboxes") {
    return (
      <fieldset aria-describedby={described}>
        <legend className="font-semibold">{labelText}</legend>
        {help}
        <div className="mt-2 space-y-2">
          {hint.options?.map((option, index) => (
            <label key={option.value} className="flex min-h-6 items-center gap-2">
              <input
                type={hint.control === "radio" ? "radio" : "checkbox"}
                id={index === 0 ? hint.name : undefined}
                name={hint.name}
                value={option.value}
                defaultChecked={chosen.has(option.value)}
                required={hint.control === "radio" && hint.required}
                autoFocus={(autoFocus && index === 0) || undefined}
                className="size-5 accent-brand"
              />
              {say(option.label, t)}
            </label>
          ))}
        </div>
        <FieldError field={hint.name} message={error} t={t} />
      </fieldset>
    );
  }

  if (hint.control === "checkbox") {
    return (
      <div>
        <label className="flex min-h-6 items-center gap-2 font-semibold">
          <input type="checkbox" value="true" defaultChecked={text === "true"} {...common} className="size-5 accent-brand" />
          {labelText}
        </label>
        {help}
        <FieldError field={hint.name} message={error} t={t} />
      </div>
    );
  }

  return (
    <div>
      <label htmlFor={hint.name} className="block font-semibold">
        {labelText}
      </label>
      {help}
      {hint.control === "select" ? (
        <select {...common} defaultValue={text ?? hint.suggested ?? ""} autoComplete={hint.autocomplete} className={inputClass}>
          <option value="">{t(hint.name === "country" ? "attributes.page.chooseCountry" : "attributes.page.chooseOne")}</option>
          {hint.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {say(option.label, t)}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={hint.type ?? "text"}
          defaultValue={text ?? ""}
          minLength={hint.minLength}
          maxLength={hint.maxLength}
          pattern={hint.pattern}
          min={hint.min}
          max={hint.max}
          inputMode={hint.inputMode}
          autoComplete={hint.autocomplete}
          className={inputClass}
        />
      )}
      <FieldError field={hint.name} message={error} t={t} />
    </div>
  );
}
