import { useLocale, useTranslations } from "next-intl";
// eslint-disable-next-line guestgate/layers -- the Pages Router's browser build must not reach the barrel's file loader
import { LOCALE_AUTONYMS, type Locale } from "../_lib/i18n/locales";

interface Props {
  tenantSlug: string;
  locales: readonly Locale[];
  /** The page to come back to, so that changing the language keeps the person where they are. */
  returnTo: string;
}

/**
 * A plain form: works without JavaScript, by keyboard, and names each language in itself. The
 * autonym carries its own `lang` (so "Nederlands" is voiced in Dutch on an English page) and is the
 * button's whole name; the current language is marked `aria-current` — it is where you are, not a
 * toggle to press again (WCAG 3.1.2, 4.1.2).
 */
// Synchronous, with next-intl's hooks: the same component renders under the App Router (as a
// server component) and the Pages Router (the guest pages that ship no JavaScript).
export function LanguageSwitcher({ tenantSlug, locales, returnTo }: Props) {
  const t = useTranslations("languageSwitcher");
  const current = useLocale();
  if (locales.length < 2) return null;
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
                aria-current={isCurrent ? "true" : undefined}
                title={
                  isCurrent
                    ? t("current", { language: LOCALE_AUTONYMS[locale] })
                    : t("change", { language: LOCALE_AUTONYMS[locale] })
                }
                className="min-h-6 rounded-md border border-current px-3 py-1 text-sm aria-[current=true]:bg-brand aria-[current=true]:text-on-brand"
              >
                <span lang={locale}>{LOCALE_AUTONYMS[locale]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </form>
  );
}
