import { getLocale, getTranslations } from "next-intl/server";
import { LOCALE_AUTONYMS, type Locale } from "../_lib/i18n";

interface Props {
  tenantSlug: string;
  locales: readonly Locale[];
  /** The page to come back to, so that changing the language keeps the person where they are. */
  returnTo: string;
}

/** A plain form: works without JavaScript, by keyboard, and names each language in itself. */
export async function LanguageSwitcher({ tenantSlug, locales, returnTo }: Props) {
  if (locales.length < 2) return null;
  const [t, current] = [await getTranslations("languageSwitcher"), await getLocale()];
  return (
    <form method="post" action={`/${tenantSlug}/locale`} aria-label={t("label")}>
      <input type="hidden" name="returnTo" value={returnTo} />
      <ul className="flex flex-wrap gap-2">
        {locales.map((locale) => {
          const isCurrent = locale === current;
          return (
            <li key={locale}>
              <button
                type="submit"
                name="locale"
                value={locale}
                lang={locale}
                aria-pressed={isCurrent}
                aria-label={
                  isCurrent
                    ? t("current", { language: LOCALE_AUTONYMS[locale] })
                    : t("change", { language: LOCALE_AUTONYMS[locale] })
                }
                className="min-h-6 rounded-md border border-current px-3 py-1 text-sm aria-pressed:bg-brand aria-pressed:text-on-brand"
              >
                {LOCALE_AUTONYMS[locale]}
              </button>
            </li>
          );
        })}
      </ul>
    </form>
  );
}
