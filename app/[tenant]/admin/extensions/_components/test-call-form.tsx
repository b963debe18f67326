import { getTranslations } from "next-intl/server";
import { LOCALE_AUTONYMS } from "../../../../_lib/i18n";
import type { TestCallOutcome } from "../../../../_lib/journeys";
import type { Tenant } from "../../../../_lib/tenant";
import { BUTTON, INPUT, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION } from "../../user-flows/_components/editor-props";
import { OutcomePanel } from "./outcome-panel";

interface Props {
  tenant: Tenant;
  /** The connector's or extension's page; the form posts to its `/test`. */
  here: string;
  /** API connectors choose Entra's step; extensions have one event. */
  steps?: readonly string[];
  outcome: TestCallOutcome | undefined;
  canWrite: boolean;
}

/** "Send a test call": a sample request in one of the tenant's languages, and what came back. */
export async function TestCallSection({ tenant, here, steps, outcome, canWrite }: Props) {
  const t = await getTranslations("admin.extensions.test");
  return (
    <section aria-labelledby="test-heading" className={SECTION}>
      <h2 id="test-heading" className={H2}>
        {t("title")}
      </h2>
      <p className="mt-2 max-w-prose text-gray-800">{t("intro")}</p>
      {canWrite ? (
        <form method="post" action={`${here}/test`} className="mt-4 flex flex-wrap items-end gap-4" noValidate>
          <ReturnTo path={here} />
          {steps && (
            <div>
              <label htmlFor="test-step" className="font-semibold">
                {t("step")}
              </label>
              <select id="test-step" name="step" defaultValue={steps.at(-1)} className={INPUT}>
                {steps.map((step) => (
                  <option key={step} value={step}>
                    {t(`steps.${step as "postFederationSignup" | "postAttributeCollection"}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div>
            <label htmlFor="test-locale" className="font-semibold">
              {t("locale")}
            </label>
            <select id="test-locale" name="locale" defaultValue={tenant.locales.default} className={INPUT}>
              {tenant.locales.enabled.map((locale) => (
                <option key={locale} value={locale} lang={locale}>
                  {LOCALE_AUTONYMS[locale]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={BUTTON}>
            {t("submit")}
          </button>
        </form>
      ) : (
        <p className="mt-2">{t("readOnly")}</p>
      )}
      {outcome && <OutcomePanel outcome={outcome} />}
    </section>
  );
}
