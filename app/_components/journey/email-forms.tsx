import type { ReactNode } from "react";
import type { JourneyRecord } from "../../_lib/journeys";
import { ErrorSummary, FieldError, errorId, helpId } from "./messages";
import { JourneyForm, PrimaryButton, SecondaryButton, inputClass } from "./journey-form";
import type { Translate } from "./translator";

interface Props {
  action: string;
  journey: Pick<JourneyRecord, "version" | "ui">;
  t: Translate;
  /** The proof-of-work widget, when this step's sends ask for one. */
  proofOfWork?: ReactNode;
}

/** The address page. `otherWays`: the flow offers more than the passcode, so "choose another way" makes sense. */
export function EmailForm({ action, journey, t, otherWays, proofOfWork }: Props & { otherWays: boolean }) {
  const error = journey.ui.fieldErrors.email;
  const typed = journey.ui.values.email;
  const label = t("otp.request.emailLabel");
  return (
    <>
      <ErrorSummary errors={error ? { email: error } : {}} labels={{ email: label }} t={t} />
      <JourneyForm action={action} version={journey.version} className="mt-6">
        <label htmlFor="email" className="block font-semibold">
          {label}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          inputMode="email"
          // Focus on arrival (WCAG 2.4.3); after an error the summary has it instead.
          autoFocus={!error}
          defaultValue={typeof typed === "string" ? typed : ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId("email") : undefined}
          className={inputClass}
        />
        <FieldError field="email" message={error} t={t} />
        {proofOfWork}
        <PrimaryButton>{t("otp.request.submit")}</PrimaryButton>
        {otherWays && (
          <div className="mt-2 flex flex-col items-start">
            <SecondaryButton name="action" value="restart">
              {t("journey.restart")}
            </SecondaryButton>
          </div>
        )}
      </JourneyForm>
    </>
  );
}

/**
 * The code page. The field takes the code as people copy it from a mail ("828 961", "828-961"):
 * no `pattern` and room for separators (the server strips spaces and hyphens), `inputmode=numeric`
 * for the digit keyboard, `autocomplete=one-time-code` so phones offer the code from the mail.
 */
export function CodeForm({ action, journey, t, proofOfWork }: Props) {
  const error = journey.ui.fieldErrors.code;
  const label = t("otp.verify.codeLabel");
  const described = [helpId("code"), error ? errorId("code") : undefined].filter(Boolean).join(" ");
  return (
    <>
      <ErrorSummary errors={error ? { code: error } : {}} labels={{ code: label }} t={t} />
      <JourneyForm action={action} version={journey.version} className="mt-6">
        <label htmlFor="code" className="block font-semibold">
          {label}
        </label>
        <p id={helpId("code")} className="mt-1 text-sm text-gray-700">
          {t("otp.verify.codeHelp")}
        </p>
        <input
          id="code"
          name="code"
          type="text"
          required
          inputMode="numeric"
          maxLength={16}
          autoComplete="one-time-code"
          autoFocus={!error}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className={`${inputClass} max-w-56 text-2xl tracking-widest`}
        />
        <FieldError field="code" message={error} t={t} />
        <PrimaryButton>{t("otp.verify.submit")}</PrimaryButton>
        <p className="mt-6 text-sm">{t("otp.verify.noMail")}</p>
        {/* A new code is a send: it asks for the proof of work, the code itself does not. */}
        {proofOfWork}
        <div className="flex flex-col items-start">
          <SecondaryButton name="action" value="resend">
            {t("otp.verify.resend")}
          </SecondaryButton>
          <SecondaryButton name="action" value="changeEmail">
            {t("otp.verify.changeEmail")}
          </SecondaryButton>
        </div>
      </JourneyForm>
    </>
  );
}
