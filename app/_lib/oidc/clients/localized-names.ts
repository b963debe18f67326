// An application's display name per page language, so a Dutch page never names the application in
// English. Entra keeps one `displayName`; Guestgate adds an optional name for each of the languages
// its pages speak (Graph: `guestgateLocalizedDisplayNames`, docs/GRAPH.md). A language without one
// shows `displayName`.
export const APPLICATION_NAME_LOCALES = ["en", "nl", "sv", "fr"] as const;
export type ApplicationNameLocale = (typeof APPLICATION_NAME_LOCALES)[number];
export type LocalizedNames = Partial<Record<ApplicationNameLocale, string>>;

const MAX_NAME_LENGTH = 100;

/** Problems with a map of names, each naming its key ("localizedDisplayNames.nl: …"). */
export function localizedNamesProblems(names: Record<string, unknown> | undefined, path = "localizedDisplayNames"): string[] {
  if (!names) return [];
  const problems: string[] = [];
  for (const [locale, name] of Object.entries(names)) {
    if (!(APPLICATION_NAME_LOCALES as readonly string[]).includes(locale)) {
      problems.push(`${path}.${locale}: not a page language (${APPLICATION_NAME_LOCALES.join(", ")})`);
    } else if (typeof name !== "string" || !name.trim() || name.length > MAX_NAME_LENGTH) {
      problems.push(`${path}.${locale}: 1–${MAX_NAME_LENGTH} characters`);
    }
  }
  return problems;
}

/** The names trimmed, in a fixed order (so the stored JSON does not depend on how they were sent). */
export function normaliseLocalizedNames(names: LocalizedNames | undefined): LocalizedNames {
  const result: LocalizedNames = {};
  for (const locale of APPLICATION_NAME_LOCALES) {
    const name = names?.[locale]?.trim();
    if (name) result[locale] = name;
  }
  return result;
}

/** A stored column's JSON as names; anything that is not a map of strings counts as none. */
export function parseLocalizedNames(json: string | null | undefined): LocalizedNames {
  try {
    const value: unknown = JSON.parse(json ?? "{}");
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    const entries = Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [ApplicationNameLocale, string] =>
        (APPLICATION_NAME_LOCALES as readonly string[]).includes(entry[0]) && typeof entry[1] === "string",
    );
    return normaliseLocalizedNames(Object.fromEntries(entries));
  } catch {
    return {};
  }
}

/** The name for a page in `locale`: its own, else the display name. */
export function applicationNameFor(
  app: { name: string; localizedDisplayNames?: LocalizedNames | undefined },
  locale: string,
): string {
  return app.localizedDisplayNames?.[locale as ApplicationNameLocale] ?? app.name;
}
