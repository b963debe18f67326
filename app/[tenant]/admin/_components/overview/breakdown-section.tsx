import { getTranslations } from "next-intl/server";
import { FUNNEL_STEPS, type FunnelSeries } from "../../../../_lib/journeys";
import { GroupedBarChart } from "../charts/grouped-bar-chart";
import { CAPTION, NUM, NUM_TH, TABLE, TD, TH } from "./table";

interface Props {
  id: string;
  heading: string;
  column: string;
  series: readonly FunnelSeries[];
  labelOf(key: string): string;
  locale: string;
}

/** The funnel per flow, provider or language: grouped bars and the same numbers as a table. */
export async function BreakdownSection({ id, heading, column, series, labelOf, locale }: Props) {
  const t = await getTranslations("admin.overview");
  const number = new Intl.NumberFormat(locale);
  const steps = FUNNEL_STEPS.map((step) => t(`steps.${step}`));
  if (series.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8">
      <h3 id={`${id}-heading`} className="text-lg font-bold">
        {heading}
      </h3>
      <figure className="mt-3">
        <GroupedBarChart
          id={`${id}-chart`}
          title={t("breakdown.chartTitle", { heading })}
          description={t("breakdown.chartDescription", { count: series.length })}
          series={steps}
          groups={series.map((row) => ({ label: labelOf(row.key), values: FUNNEL_STEPS.map((step) => row.counts[step]) }))}
          format={(value) => number.format(value)}
        />
      </figure>
      <div className="overflow-x-auto">
        <table className={TABLE} id={`${id}-table`}>
          <caption className={CAPTION}>{t("breakdown.caption", { heading })}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                {column}
              </th>
              {steps.map((step) => (
                <th key={step} scope="col" className={NUM_TH}>
                  {step}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row" className={TD}>
                  {labelOf(row.key)}
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
