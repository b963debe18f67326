import { getTranslations } from "next-intl/server";
import { MAX_FUNNEL_DAYS } from "../../../../_lib/journeys";

interface Props {
  action: string;
  fields: { from: string; to: string };
  invalid: boolean;
}

const input =
  "min-h-11 rounded border border-gray-700 px-2 py-1 text-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 aria-invalid:border-red-700";

/** A plain GET form: the period is in the URL, works without JavaScript and can be bookmarked. */
export async function RangeForm({ action, fields, invalid }: Props) {
  const t = await getTranslations("admin.overview.range");
  return (
    <form method="get" action={action} className="mt-4">
      <fieldset className="flex flex-wrap items-end gap-4" aria-describedby="range-hint">
        <legend className="mb-2 font-semibold">{t("legend")}</legend>
        <p id="range-hint" className="w-full text-sm text-gray-700">
          {t("hint", { max: MAX_FUNNEL_DAYS })}
        </p>
        {invalid && (
          <p id="range-error" role="alert" className="w-full font-semibold text-red-800">
            {t("invalid", { max: MAX_FUNNEL_DAYS })}
          </p>
        )}
        <label className="flex flex-col gap-1">
          <span>{t("from")}</span>
          <input
            type="date"
            name="from"
            defaultValue={fields.from}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "range-error" : undefined}
            className={input}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t("to")}</span>
          <input
            type="date"
            name="to"
            defaultValue={fields.to}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "range-error" : undefined}
            className={input}
          />
        </label>
        <button
          type="submit"
          className="min-h-11 rounded bg-gray-900 px-4 py-2 font-semibold text-white hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          {t("submit")}
        </button>
      </fieldset>
    </form>
  );
}
