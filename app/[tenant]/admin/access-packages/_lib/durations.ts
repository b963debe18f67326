import type { Locale } from "../../../../_lib/i18n";

const DATE_UNITS = [
  ["year", "Y"],
  ["month", "M"],
  ["week", "W"],
  ["day", "D"],
] as const;
const TIME_UNITS = [
  ["hour", "H"],
  ["minute", "M"],
] as const;

/**
 * An ISO 8601 duration as Graph writes them (P14D, PT12H, P1Y2M) in words of the page's language
 * ("14 days", "14 dygn"), through the platform's CLDR units; what it cannot read stays as written.
 */
export function formatDuration(iso: string, locale: Locale): string {
  const [date = "", time = ""] = iso.replace(/^P/, "").split("T");
  const amounts = (part: string, units: readonly (readonly [string, string])[]) =>
    units.flatMap(([unit, letter]) => {
      const amount = Number(new RegExp(`(\\d+)${letter}`).exec(part)?.[1] ?? 0);
      return amount > 0 ? [new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(amount)] : [];
    });
  const parts = [...amounts(date, DATE_UNITS), ...amounts(time, TIME_UNITS)];
  return parts.length ? new Intl.ListFormat(locale, { type: "conjunction" }).format(parts) : iso;
}
