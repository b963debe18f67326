import type { UserFlow } from "./types";

/**
 * A flow's replacement for a message in `locale`, if it has one. Pages ask this before
 * next-intl, so "Create your Woodgrove account" can replace the generic title in one flow only.
 */
export function overrideFor(flow: UserFlow, locale: string | undefined, key: string): string | undefined {
  if (!locale) return undefined;
  const texts = (flow.overrides as Record<string, Readonly<Record<string, string>> | undefined>)[locale];
  return texts && Object.hasOwn(texts, key) ? texts[key] : undefined;
}

/** All of a flow's replacements for `locale`, for pages that merge them into their messages. */
export function overridesFor(flow: UserFlow, locale: string): Readonly<Record<string, string>> {
  return (flow.overrides as Record<string, Readonly<Record<string, string>> | undefined>)[locale] ?? {};
}
