import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, SOURCE_LOCALE } from "./locales";
import { LOCALE_HEADER } from "./request-locale";
import { loadMessages } from "./messages";

/** next-intl's per-request config: the proxy already chose the language (request-locale.ts). */
export default getRequestConfig(async () => {
  const chosen = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(chosen) ? chosen : SOURCE_LOCALE;
  return { locale, messages: await loadMessages(locale) };
});
