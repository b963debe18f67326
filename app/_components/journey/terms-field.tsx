import type { UiMessage } from "../../_lib/journeys";
import { FieldError, errorId, helpId } from "./messages";
import type { Translate } from "./translator";

/** The flow's documents in the page's language (links checked to be https by the user-flows schema). */
export interface TermsLinks {
  termsUrl: string;
  privacyUrl: string;
}

export const TERMS_FIELD = "acceptTerms";

/**
 * The required "I accept the terms" checkbox of the sign-up form, with the two documents linked
 * beside it (in a new tab, so the form keeps what was typed) and its error tied to it.
 */
export function TermsField({ links, error, t }: { links: TermsLinks; error: UiMessage | undefined; t: Translate }) {
  const described = [helpId(TERMS_FIELD), error ? errorId(TERMS_FIELD) : undefined].filter(Boolean).join(" ");
  const link = "underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2";
  return (
    <div>
      <p id={helpId(TERMS_FIELD)} className="text-sm">
        {t("journey.terms.documents")}{" "}
        <a href={links.termsUrl} target="_blank" rel="noopener noreferrer" className={link}>
          {t("journey.terms.termsLink")}
        </a>
        {" · "}
        <a href={links.privacyUrl} target="_blank" rel="noopener noreferrer" className={link}>
          {t("journey.terms.privacyLink")}
        </a>
      </p>
      <div className="mt-2 flex items-start gap-3">
        <input
          type="checkbox"
          id={TERMS_FIELD}
          name={TERMS_FIELD}
          value="yes"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className="mt-1 size-5"
        />
        <label htmlFor={TERMS_FIELD} className="font-semibold">
          {t("journey.terms.accept")}
        </label>
      </div>
      <FieldError field={TERMS_FIELD} message={error} t={t} />
    </div>
  );
}
