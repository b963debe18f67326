import { getTranslations } from "next-intl/server";
import type { ApiConnectorView } from "../../../../_lib/journeys";
import { FieldProblem, INPUT } from "../../_components/form-parts";
import type { ExtensionField } from "../_lib/refusal";
import { DeliveryFields } from "./delivery-fields";
import { DisplayNameField, SettingsForm, TargetUrlField } from "./form-shell";
import { Field } from "./field";

interface Props {
  action: string;
  here: string;
  connector?: ApiConnectorView;
  /** What was typed before a refusal (never a password or a certificate). */
  typed: Record<string, string>;
  problems: Partial<Record<ExtensionField, string>>;
  canWrite: boolean;
}

/**
 * An API connector's settings. The password and the PKCS#12 bundle are write-only: the fields are
 * always empty, and left empty they keep what is stored (sealed by the service).
 */
export async function ConnectorForm({ action, here, connector, typed, problems, canWrite }: Props) {
  const t = await getTranslations("admin.extensions.fields");
  const value = (name: string, stored: string | number | undefined, fallback = "") => typed[name] ?? String(stored ?? fallback);
  const authType = value("authType", connector?.authType, "basic");
  const authTypes = !connector || connector.authType === "none" ? ["none", "basic", "certificate"] : ["basic", "certificate"];
  return (
    <SettingsForm action={action} here={here} canWrite={canWrite} existing={connector !== undefined}>
      <DisplayNameField value={value("displayName", connector?.displayName)} problem={problems.displayName} />
      <TargetUrlField value={value("targetUrl", connector?.targetUrl)} problem={problems.targetUrl} />
      <fieldset id="authentication" className="space-y-3 rounded border border-gray-400 p-4">
        <legend className="px-1 font-semibold">{t("authentication")}</legend>
        {authTypes.map((type) => (
          <div key={type} className="flex min-h-11 items-center gap-3">
            <input
              type="radio"
              id={`authType-${type}`}
              name="authType"
              value={type}
              defaultChecked={authType === type}
              className="size-5"
            />
            <label htmlFor={`authType-${type}`}>{t(`authTypes.${type as "none" | "basic" | "certificate"}`)}</label>
          </div>
        ))}
        <Field id="username" label={t("username")} problem={undefined}>
          {(described) => (
            <input
              id="username"
              name="username"
              autoComplete="off"
              maxLength={256}
              defaultValue={value("username", connector?.username)}
              className={INPUT}
              {...described}
            />
          )}
        </Field>
        <Field
          id="password"
          label={t("password")}
          hint={connector?.authType === "basic" ? t("passwordKept") : undefined}
          problem={undefined}
        >
          {(described) => (
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              maxLength={256}
              className={INPUT}
              {...described}
            />
          )}
        </Field>
        <Field
          id="pkcs12"
          label={t("pkcs12")}
          hint={
            connector?.certificate
              ? t("certificateKept", {
                  thumbprint: connector.certificate.thumbprint,
                  notAfter: new Date(connector.certificate.notAfter * 1000).toISOString().slice(0, 10),
                })
              : t("pkcs12Hint")
          }
          problem={undefined}
        >
          {(described) => (
            <textarea id="pkcs12" name="pkcs12" rows={3} autoComplete="off" className={`${INPUT} font-mono`} {...described} />
          )}
        </Field>
        <Field id="certificatePassword" label={t("certificatePassword")} problem={undefined}>
          {(described) => (
            <input
              id="certificatePassword"
              name="certificatePassword"
              type="password"
              autoComplete="new-password"
              maxLength={256}
              className={INPUT}
              {...described}
            />
          )}
        </Field>
        <FieldProblem field="authentication" text={problems.authentication} />
      </fieldset>
      <DeliveryFields
        values={{
          timeoutMs: value("timeoutMs", connector?.timeoutMs, "1000"),
          maxRetries: value("maxRetries", connector?.maxRetries, "0"),
          onFailure: value("onFailure", connector?.onFailure, "block"),
        }}
        problems={problems}
      />
    </SettingsForm>
  );
}
