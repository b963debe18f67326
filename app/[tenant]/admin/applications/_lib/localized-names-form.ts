import type { Locale } from "../../../../_lib/i18n";
import { APPLICATION_NAME_LOCALES, type LocalizedNames } from "../../../../_lib/oidc";

const MAX_NAME_LENGTH = 100;

/**
 * The languages the page asks a name in: the tenant's page languages, then any other that already
 * has one (the service replaces the whole map, so an unseen name would be dropped by a save).
 */
export function localizedNameLocales(stored: LocalizedNames, tenantLocales: readonly Locale[]): Locale[] {
  return APPLICATION_NAME_LOCALES.filter((locale) => tenantLocales.includes(locale) || stored[locale] !== undefined);
}

/** The posted names (`localizedName-nl` …), trimmed; an empty field is no name of its own. */
export function readLocalizedNames(form: URLSearchParams, locales: readonly Locale[]) {
  const names: LocalizedNames = {};
  const typed: Record<string, string> = {};
  const problems: Record<string, string> = {};
  for (const locale of locales) {
    const field = `localizedName-${locale}`;
    const value = (form.get(field) ?? "").trim();
    typed[field] = value;
    // The service's rule (localizedNamesProblems), checked here to be shown next to the field.
    if (value.length > MAX_NAME_LENGTH) problems[field] = "localizedName";
    else if (value) names[locale] = value;
  }
  return { names, typed, problems };
}
