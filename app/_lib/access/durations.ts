/**
 * An ISO 8601 duration (P14D, PT12H, P1Y2M) added to a moment. Years and months are calendar
 * steps (UTC), the rest exact; Graph's durations (contract §7.2) come in these parts only.
 */
export function addDuration(start: Date, duration: string): Date {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!match) throw new Error(`not an ISO 8601 duration: ${duration}`);
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  const end = new Date(start.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + years!, end.getUTCMonth() + months!);
  const exact = (((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!;
  return new Date(end.getTime() + exact * 1000);
}
