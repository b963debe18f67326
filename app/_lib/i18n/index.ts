export { SUPPORTED_LOCALES, SOURCE_LOCALE, LOCALE_AUTONYMS, isLocale, type Locale } from "./locales";
export { negotiateLocale, parseAcceptLanguage } from "./negotiate";
export { requestLocale, LOCALE_HEADER, LOCALE_COOKIE } from "./request-locale";
export { loadMessages, type Messages } from "./messages";
export type { MessageKey, MessageKeyIn, CatalogKeys } from "./message-keys";
