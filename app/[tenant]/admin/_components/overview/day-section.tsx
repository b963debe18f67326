import { getTranslations } from "next-intl/server";
import { FUNNEL_STEPS, type FunnelSeries } from "../../../../_lib/journeys";
import { DayChart } from "../charts/day-chart";
import { CAPTION, NUM, NUM_TH, TABLE, TD, TH } from "./table";

interface Props {
  series: readonly FunnelSeries[];
  locale: string;
  period: { from: string; to: string };
}

/** The funnel day by day (UTC days, as counted): columns, and every day's numbers as a table. */
export async function DaySection({ series, locale, period }: Props) {
  const t = await getTranslations("admin.overview");
  const number = new Intl.NumberFormat(locale);
  const short = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dayOf = (key: string) => new Date(`${key}T00:00:00Z`);
  const sum = (step: "started" | "guestCreated") => series.reduce((total, row) => total + row.counts[step], 0);
  return (
    <section aria-labelledby="by-day-heading" className="mt-8">
      <h3 id="by-day-heading" className="text-lg font-bold">
        {t("breakdown.byDay")}
      </h3>
      <figure className="mt-3">
        <DayChart
          id="by-day-chart"
          title={t("days.chartTitle")}
          description={t("days.chartDescription", {
            ...period,
            started: number.format(sum("started")),
            created: number.format(sum("guestCreated")),
          })}
          legend={{ started: t("steps.started"), created: t("steps.guestCreated") }}
          days={series.map((row) => ({
            label: short.format(dayOf(row.key)),
            started: row.counts.started,
            created: row.counts.guestCreated,
          }))}
          format={(value) => number.format(value)}
        />
      </figure>
      <div className="overflow-x-auto">
        <table className={TABLE} id="by-day-table">
          <caption className={CAPTION}>{t("breakdown.caption", { heading: t("breakdown.byDay") })}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                {t("breakdown.day")}
              </th>
              {FUNNEL_STEPS.map((step) => (
                <th key={step} scope="col" className={NUM_TH}>
                  {t(`steps.${step}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row" className={TD}>
                  <time dateTime={row.key}>{long.format(dayOf(row.key))}</time>
                </th>
                {FUNNEL_STEPS.map((step) => (
                  <td key={step} className={NUM} data-step={step}>
                    {number.format(row.counts[step])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
