import { getTranslations } from "next-intl/server";
import { DROP_OUT_REASONS, FUNNEL_STEPS, type FunnelReport } from "../../../../_lib/journeys";
import { GroupedBarChart } from "../charts/grouped-bar-chart";
import { CAPTION, NUM, NUM_TH, TABLE, TD, TH } from "./table";

interface Props {
  report: FunnelReport;
  locale: string;
  period: { from: string; to: string };
}

/** The whole period's funnel: one chart, the same numbers as a table, and where people dropped out. */
export async function FunnelSection({ report, locale, period }: Props) {
  const t = await getTranslations("admin.overview");
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const steps = FUNNEL_STEPS.map((step) => t(`steps.${step}`));
  const total = report.total;
  const values = FUNNEL_STEPS.map((step) => total[step]);
  return (
    <section aria-labelledby="funnel-heading" className="mt-8">
      <h2 id="funnel-heading" className="text-xl font-bold">
        {t("funnel.heading")}
      </h2>
      <p className="mt-1 max-w-3xl text-gray-700">{t("funnel.intro")}</p>
      {total.started === 0 && <p className="mt-3 font-semibold">{t("funnel.none")}</p>}
      <figure className="mt-4">
        <GroupedBarChart
          id="funnel-total"
          title={t("funnel.chartTitle", period)}
          description={t("funnel.chartDescription", {
            started: number.format(total.started),
            identityProven: number.format(total.identityProven),
            attributesSubmitted: number.format(total.attributesSubmitted),
            guestCreated: number.format(total.guestCreated),
          })}
          series={steps}
          groups={[{ label: t("funnel.journeys"), values }]}
          format={(value) => number.format(value)}
        />
        <figcaption className="sr-only">{t("funnel.chartTitle", period)}</figcaption>
      </figure>
      <table className={TABLE} id="funnel-table">
        <caption className={CAPTION}>{t("funnel.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              {t("funnel.step")}
            </th>
            <th scope="col" className={NUM_TH}>
              {t("funnel.journeys")}
            </th>
            <th scope="col" className={NUM_TH}>
              {t("funnel.share")}
            </th>
            <th scope="col" className={NUM_TH}>
              {t("funnel.dropped")}
            </th>
          </tr>
        </thead>
        <tbody>
          {FUNNEL_STEPS.map((step, index) => {
            const drop = report.dropOuts.find((d) => d.after === step);
            return (
              <tr key={step} data-step={step}>
                <th scope="row" className={TD}>
                  {steps[index]}
                </th>
                <td className={NUM}>{number.format(total[step])}</td>
                <td className={NUM}>{total.started ? percent.format(total[step] / total.started) : "–"}</td>
                <td className={NUM}>{drop ? number.format(drop.total) : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 className="mt-6 text-lg font-bold">{t("dropOut.heading")}</h3>
      <div className="overflow-x-auto">
        <table className={TABLE} id="drop-out-table">
          <caption className={CAPTION}>{t("dropOut.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                {t("dropOut.after")}
              </th>
              {DROP_OUT_REASONS.map((reason) => (
                <th key={reason} scope="col" className={NUM_TH}>
                  {t(`dropOut.reasons.${reason}`)}
                </th>
              ))}
              <th scope="col" className={NUM_TH}>
                {t("dropOut.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.dropOuts.map((drop) => (
              <tr key={drop.after} data-after={drop.after}>
                <th scope="row" className={TD}>
                  {t(`steps.${drop.after}`)}
                </th>
                {DROP_OUT_REASONS.map((reason) => (
                  <td key={reason} className={NUM} data-reason={reason}>
                    {number.format(drop.reasons[reason])}
                  </td>
                ))}
                <td className={NUM}>{number.format(drop.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
