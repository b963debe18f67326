import type { Locale } from "../../../../_lib/i18n";

/** Dates in the administrator's language, always in UTC (the filter's days are UTC days too). */
export function formatDateTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(at) + " UTC";
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

export const inputClass =
  "mt-1 block min-h-11 w-full rounded border border-gray-700 bg-white px-3 py-2 text-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
export const buttonClass =
  "inline-flex min-h-11 items-center justify-center rounded bg-gray-900 px-4 py-2 font-semibold text-white hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
export const secondaryButtonClass =
  "inline-flex min-h-11 items-center justify-center rounded border border-gray-900 bg-white px-4 py-2 font-semibold text-black hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
export const dangerButtonClass =
  "inline-flex min-h-11 items-center justify-center rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
export const linkClass =
  "rounded text-blue-800 underline underline-offset-2 hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
