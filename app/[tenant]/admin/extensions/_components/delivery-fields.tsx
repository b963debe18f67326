import { getTranslations } from "next-intl/server";
import { INPUT } from "../../_components/form-parts";
import type { ExtensionField } from "../_lib/refusal";
import { Field } from "./field";

export interface DeliveryValues {
  timeoutMs: string;
  maxRetries: string;
  onFailure: string;
}

/** Timeout, retry and failure behaviour: the same for API connectors and custom extensions. */
export async function DeliveryFields({
  values,
  problems,
}: {
  values: DeliveryValues;
  problems: Partial<Record<ExtensionField, string>>;
}) {
  const t = await getTranslations("admin.extensions.fields");
  return (
    <>
      <Field id="timeoutMs" label={t("timeoutMs")} hint={t("timeoutMsHint")} problem={problems.timeoutMs}>
        {(described) => (
          <input
            id="timeoutMs"
            name="timeoutMs"
            type="number"
            inputMode="numeric"
            min={200}
            max={2000}
            step={100}
            defaultValue={values.timeoutMs}
            className={`${INPUT} max-w-40`}
            {...described}
          />
        )}
      </Field>
      <Field id="maxRetries" label={t("maxRetries")} problem={problems.maxRetries}>
        {(described) => (
          <select
            id="maxRetries"
            name="maxRetries"
            defaultValue={values.maxRetries}
            className={`${INPUT} max-w-60`}
            {...described}
          >
            <option value="0">{t("retryNone")}</option>
            <option value="1">{t("retryOnce")}</option>
          </select>
        )}
      </Field>
      <Field id="onFailure" label={t("onFailure")} hint={t("onFailureHint")} problem={undefined}>
        {(described) => (
          <select id="onFailure" name="onFailure" defaultValue={values.onFailure} className={`${INPUT} max-w-96`} {...described}>
            <option value="block">{t("failureBlock")}</option>
            <option value="continue">{t("failureContinue")}</option>
          </select>
        )}
      </Field>
    </>
  );
}
