/** The lifetimes a new client secret may be given, in days (Graph allows up to two years). */
export const SECRET_LIFETIMES_DAYS = [30, 90, 180, 365, 730] as const;

/** The chosen lifetime as an end date, or undefined when the form sent something else. */
export function secretEnd(value: string | null, now = new Date()): Date | undefined {
  const days = Number(value);
  if (!(SECRET_LIFETIMES_DAYS as readonly number[]).includes(days)) return undefined;
  return new Date(now.getTime() + days * 86_400_000);
}
