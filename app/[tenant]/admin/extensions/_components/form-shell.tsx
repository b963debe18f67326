import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { BUTTON, INPUT, ReturnTo } from "../../_components/form-parts";
import { Field } from "./field";

/**
 * The form around a connector's or extension's settings: posts to its verb, is read-only for a
 * reader (a disabled fieldset, no button), and saves an existing one or creates a new one.
 */
export async function SettingsForm({
  action,
  here,
  canWrite,
  existing,
  children,
}: {
  action: string;
  here: string;
  canWrite: boolean;
  existing: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations("admin.extensions.fields");
  return (
    <form method="post" action={action} className="mt-6 max-w-2xl" noValidate>
      <ReturnTo path={here} />
      <fieldset disabled={!canWrite} className="space-y-5">
        <legend className="sr-only">{t("legend")}</legend>
        {children}
      </fieldset>
      {canWrite && (
        <button type="submit" className={`${BUTTON} mt-6`}>
          {t(existing ? "save" : "create")}
        </button>
      )}
    </form>
  );
}

/** The name administrators know it by, as Graph's `displayName` (at most 100 characters). */
export async function DisplayNameField({ value, problem }: { value: string; problem: string | undefined }) {
  const t = await getTranslations("admin.extensions.fields");
  return (
    <Field id="displayName" label={t("displayName")} problem={problem}>
      {(described) => (
        <input
          id="displayName"
          name="displayName"
          required
          maxLength={100}
          defaultValue={value}
          className={INPUT}
          {...described}
        />
      )}
    </Field>
  );
}

/** The HTTPS endpoint Guestgate calls. */
export async function TargetUrlField({ value, problem }: { value: string; problem: string | undefined }) {
  const t = await getTranslations("admin.extensions.fields");
  return (
    <Field id="targetUrl" label={t("targetUrl")} hint={t("targetUrlHint")} problem={problem}>
      {(described) => (
        <input
          id="targetUrl"
          name="targetUrl"
          type="url"
          required
          maxLength={2048}
          defaultValue={value}
          className={`${INPUT} font-mono`}
          {...described}
        />
      )}
    </Field>
  );
}
