import { getTranslations } from "next-intl/server";
import { EXTENSION_EVENTS, type CustomExtensionRow, type ExtensionEvent } from "../../../../_lib/journeys";
import { INPUT } from "../../_components/form-parts";
import type { ExtensionField } from "../_lib/refusal";
import { DeliveryFields } from "./delivery-fields";
import { DisplayNameField, SettingsForm, TargetUrlField } from "./form-shell";
import { Field } from "./field";

interface Props {
  action: string;
  here: string;
  extension?: CustomExtensionRow;
  typed: Record<string, string>;
  problems: Partial<Record<ExtensionField, string>>;
  canWrite: boolean;
}

/**
 * A custom authentication extension's settings, as Graph's customAuthenticationExtension: the event
 * (chosen once), the endpoint, the resource its bearer token is for, and for token issuance the
 * claims an answer may add to a token.
 */
export async function ExtensionForm({ action, here, extension, typed, problems, canWrite }: Props) {
  const t = await getTranslations("admin.extensions.fields");
  const events = await getTranslations("admin.extensions.events");
  const value = (name: string, stored: string | number | undefined, fallback = "") => typed[name] ?? String(stored ?? fallback);
  const eventType = (extension?.eventType ?? typed.eventType ?? "onAttributeCollectionSubmit") as ExtensionEvent;
  return (
    <SettingsForm action={action} here={here} canWrite={canWrite} existing={extension !== undefined}>
      {extension ? (
        <p>
          <span className="font-semibold">{t("eventType")}</span>: {events(extension.eventType)}
        </p>
      ) : (
        <Field id="eventType" label={t("eventType")} hint={t("eventTypeHint")} problem={problems.eventType}>
          {(described) => (
            <select id="eventType" name="eventType" defaultValue={eventType} className={INPUT} {...described}>
              {EXTENSION_EVENTS.map((event) => (
                <option key={event} value={event}>
                  {events(event)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <DisplayNameField value={value("displayName", extension?.displayName)} problem={problems.displayName} />
      <Field id="description" label={t("description")} problem={problems.description}>
        {(described) => (
          <textarea
            id="description"
            name="description"
            rows={2}
            maxLength={1024}
            defaultValue={value("description", extension?.description)}
            className={INPUT}
            {...described}
          />
        )}
      </Field>
      <TargetUrlField value={value("targetUrl", extension?.targetUrl)} problem={problems.targetUrl} />
      <Field id="resourceId" label={t("resourceId")} hint={t("resourceIdHint")} problem={problems.resourceId}>
        {(described) => (
          <input
            id="resourceId"
            name="resourceId"
            required
            maxLength={300}
            defaultValue={value("resourceId", extension?.resourceId)}
            className={`${INPUT} font-mono`}
            {...described}
          />
        )}
      </Field>
      <DeliveryFields
        values={{
          timeoutMs: value("timeoutMs", extension?.timeoutMs, "1000"),
          maxRetries: value("maxRetries", extension?.maxRetries, "0"),
          onFailure: value("onFailure", extension?.onFailure, "block"),
        }}
        problems={problems}
      />
      {(!extension || extension.eventType === "onTokenIssuanceStart") && (
        <Field id="tokenClaims" label={t("tokenClaims")} hint={t("tokenClaimsHint")} problem={problems.tokenClaims}>
          {(described) => (
            <textarea
              id="tokenClaims"
              name="tokenClaims"
              rows={3}
              defaultValue={value("tokenClaims", extension?.tokenClaims.join("\n"))}
              className={`${INPUT} font-mono`}
              {...described}
            />
          )}
        </Field>
      )}
    </SettingsForm>
  );
}
