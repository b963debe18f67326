import { loadMessages, type Locale } from "../../_lib/i18n";
import { overridesFor, type UserFlow } from "../../_lib/journeys";
import { translatorFrom, type Translate } from "./translate";

export type { Translate };

/**
 * The page's words: messages/<locale>.json with the flow's own overrides laid over them (an
 * administrator's "Welcome to Woodgrove" replaces the generic title in that flow only).
 */
export async function journeyMessages(locale: Locale, flow: UserFlow | undefined): Promise<Record<string, unknown>> {
  const messages = structuredClone(await loadMessages(locale)) as Record<string, unknown>;
  for (const [key, text] of Object.entries(flow ? overridesFor(flow, locale) : {})) setPath(messages, key.split("."), text);
  return messages;
}

export async function journeyTranslator(locale: Locale, flow: UserFlow | undefined): Promise<Translate> {
  return translatorFrom(locale, await journeyMessages(locale, flow));
}

function setPath(tree: Record<string, unknown>, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (!head || head === "__proto__" || head === "constructor" || head === "prototype") return;
  if (rest.length === 0) {
    tree[head] = value;
    return;
  }
  const child = tree[head];
  if (typeof child !== "object" || child === null) return;
  setPath(child as Record<string, unknown>, rest, value);
}
