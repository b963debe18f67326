import type { JourneyRecord } from "../../_lib/journeys";
import { FieldError, errorId } from "./messages";
import { JourneyForm, PrimaryButton, SecondaryButton, inputClass } from "./journey-form";
import type { Translate } from "./translator";

interface Props {
  action: string;
  journey: JourneyRecord;
  t: Translate;
}

export function EmailForm({ action, journey, t }: Props) {
  const error = journey.ui.fieldErrors.email;
  const typed = journey.ui.values.email;
  return (
    <JourneyForm action={action} version={journey.version} className="mt-6">
      <label htmlFor="email" className="block font-semibold">
        {t("otp.request.emailLabel")}
      </label>
      <input
        id="email"
        name="email"
        type="email"
        required
        maxLength={254}
        autoComplete="email"
        inputMode="email"
        defaultValue={typeof typed === "string" ? typed : ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId("email") : undefined}
        className={inputClass}
      />
      <FieldError field="email" message={error} t={t} />
      <div className="flex flex-col items-start">
        <PrimaryButton>{t("otp.request.submit")}</PrimaryButton>
        <SecondaryButton name="action" value="restart">
          {t("journey.restart")}
        </SecondaryButton>
      </div>
    </JourneyForm>
  );
}

export function CodeForm({ action, journey, t }: Props) {
  const error = journey.ui.fieldErrors.code;
  return (
    <JourneyForm action={action} version={journey.version} className="mt-6">
      <label htmlFor="code" className="block font-semibold">
        {t("otp.verify.codeLabel")}
      </label>
      <input
        id="code"
        name="code"
        type="text"
        required
        inputMode="numeric"
        pattern="[0-9]{6}"
        maxLength={6}
        autoComplete="one-time-code"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId("code") : undefined}
        className={`${inputClass} max-w-48 text-2xl tracking-widest`}
      />
      <FieldError field="code" message={error} t={t} />
      <PrimaryButton>{t("otp.verify.submit")}</PrimaryButton>
      <p className="mt-6 text-sm">{t("otp.verify.noMail")}</p>
      <div className="flex flex-col items-start">
        <SecondaryButton name="action" value="resend">
          {t("otp.verify.resend")}
        </SecondaryButton>
        <SecondaryButton name="action" value="restart">
          {t("otp.verify.changeEmail")}
        </SecondaryButton>
      </div>
    </JourneyForm>
  );
}
