import { createTranslator } from "use-intl/core";
import { loadMessages, type Locale } from "../i18n";
import type { MailTranslate } from "./translate";

/**
 * A `MailTranslate` over messages/<locale>.json, built with use-intl's framework-free core (the
 * same ICU engine next-intl uses on pages, so plurals agree). A missing message throws: a mail with
 * a raw key in it must not leave the building.
 */
export async function mailTranslator(locale: Locale): Promise<MailTranslate> {
  const messages = await loadMessages(locale);
  const translate = createTranslator({
    locale,
    messages: messages as Record<string, unknown>,
    namespace: "mail",
    timeZone: "UTC",
    onError(error) {
      throw error;
    },
  }) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return (key, values) => translate(key, values);
}
