import type { Locale } from "./locales";
import type en from "../../../messages/en.json";

export type Messages = typeof en;

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import("../../../messages/en.json"),
  nl: () => import("../../../messages/nl.json"),
  sv: () => import("../../../messages/sv.json"),
  fr: () => import("../../../messages/fr.json"),
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await loaders[locale]()).default;
}
