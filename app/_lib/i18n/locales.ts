/** The languages Guestgate ships. `en` is the source of every message. */
export const SUPPORTED_LOCALES = ["en", "nl", "sv", "fr"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const SOURCE_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Each language's name in itself: a switcher must be readable by someone who cannot read the current page. */
export const LOCALE_AUTONYMS: Record<Locale, string> = {
  en: "English",
  nl: "Nederlands",
  sv: "Svenska",
  fr: "Français",
};
