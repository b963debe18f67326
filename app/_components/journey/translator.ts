import { createTranslator } from "use-intl/core";
import { loadMessages, type Locale, type MessageKey } from "../../_lib/i18n";
import { overridesFor, type UserFlow } from "../../_lib/journeys";

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * The page's words: messages/<locale>.json with the flow's own overrides laid over them (an
 * administrator's "Welcome to Woodgrove" replaces the generic title in that flow only). A key that
 * is not a message falls back to the generic error text rather than showing the raw key.
 */
export async function journeyTranslator(locale: Locale, flow: UserFlow | undefined): Promise<Translate> {
  const messages = structuredClone(await loadMessages(locale)) as Record<string, unknown>;
  for (const [key, text] of Object.entries(flow ? overridesFor(flow, locale) : {})) setPath(messages, key.split("."), text);
  const translate = createTranslator({ locale, messages, timeZone: "UTC" }) as unknown as Translate & {
    has(key: string): boolean;
  };
  return (key, values) => (translate.has(key) ? translate(key, values) : translate("journey.errors.generic"));
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
