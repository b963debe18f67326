import type { UiMessage } from "../../_lib/journeys";
import type { Translate } from "./translator";

/**
 * Messages about the whole form. An error takes focus when the page arrives (it comes first in
 * the document, so it wins over a field's autofocus), which is what makes a screen reader read it
 * after the full-page POST; information ("the code is valid for 10 minutes") is only a status.
 */
export function FormMessages({
  messages,
  t,
  tone = "error",
}: {
  messages: readonly UiMessage[];
  t: Translate;
  tone?: "error" | "info";
}) {
  if (messages.length === 0) return null;
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      tabIndex={tone === "error" ? -1 : undefined}
      autoFocus={tone === "error"}
      className={`mt-6 rounded-lg border-l-4 p-4 ${tone === "error" ? "error-summary border-red-700 bg-red-50 text-red-900" : "border-brand bg-accent/40"}`}
    >
      {messages.map((message) => (
        <p key={message.id}>{t(message.id, message.context)}</p>
      ))}
    </div>
  );
}

/** The id of a field's error text, for aria-describedby. */
export const errorId = (field: string) => `${field}-error`;
export const helpId = (field: string) => `${field}-help`;

export function FieldError({ field, message, t }: { field: string; message: UiMessage | undefined; t: Translate }) {
  if (!message) return null;
  return (
    <p id={errorId(field)} className="mt-1 text-sm font-semibold text-red-800">
      {t(message.id, message.context)}
    </p>
  );
}

/**
 * WCAG 3.3.1: a summary at the top that names every problem and links to its field. The page
 * arrives after a full POST → 303 → GET, so an alert already in the HTML is not announced; focus
 * moves to the summary instead (`autofocus`, which works without JavaScript), and a screen reader
 * reads it from there (WCAG 2.4.3, 4.1.3).
 */
export function ErrorSummary({
  errors,
  labels,
  t,
  notes = [],
}: {
  errors: Readonly<Record<string, UiMessage>>;
  labels: Readonly<Record<string, string>>;
  t: Translate;
  /**
   * What the whole form was told beside its fields' errors (a custom extension's
   * showValidationError message), read under the title in the same alert: one focus, one announcement.
   */
  notes?: readonly UiMessage[];
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      autoFocus
      id="error-summary"
      className="error-summary mt-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900"
    >
      <h2 id="error-summary-title" className="font-semibold">
        {t("attributes.page.errorSummary")}
      </h2>
      {notes.map((note) => (
        <p key={note.id} className="mt-2">
          {t(note.id, note.context)}
        </p>
      ))}
      <ul className="mt-2 list-disc pl-6">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a className="underline underline-offset-2" href={`#${field}`}>
              {/* Through a message: French puts a narrow no-break space before the colon. */}
              {labels[field]
                ? t("attributes.page.errorItem", { label: labels[field], message: t(message.id, message.context) })
                : t(message.id, message.context)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
