import { createTranslator } from "use-intl/core";
import type { Locale, MessageKey } from "../../_lib/i18n";

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * A page's translate function over messages already chosen (the language's file with the flow's
 * overrides laid over it, journeyMessages()). Free of loaders, so that a script-free guest page
 * (Pages Router) builds it in its render from the messages its getServerSideProps read. A key that
 * is not a message falls back to the generic error text rather than showing the raw key.
 */
export function translatorFrom(locale: Locale, messages: Record<string, unknown>): Translate {
  const translate = createTranslator({ locale, messages, timeZone: "UTC" }) as unknown as Translate & {
    has(key: string): boolean;
  };
  return (key, values) => (translate.has(key) ? translate(key, values) : translate("journey.errors.generic"));
}
