import { SUPPORTED_LOCALES } from "../../../../_lib/i18n";
import { BUTTON, FieldProblem, INPUT, ReturnTo, problemId } from "../../_components/form-parts";
import type { InvitationsT } from "../_lib/translator";

interface Props {
  action: string;
  returnTo: string;
  /** The tenant's application URLs (the service's redirectChoices). */
  choices: readonly string[];
  /** What was typed before a refusal (Post/Redirect/Get). */
  values: Record<string, string>;
  problem: (field: string) => string | undefined;
  t: InvitationsT;
}

/** The fields with a help text under their label. */
const HELPED = ["redirectUrl", "redirectUrlOther", "message"];

/** Invite one person: address, name, where the invitation leads, the e-mail's language and message. */
export function InviteForm({ action, returnTo, choices, values, problem, t }: Props) {
  const field = (name: string) => {
    const text = problem(name);
    return {
      id: name,
      name,
      "aria-invalid": text ? true : undefined,
      "aria-describedby":
        [text ? problemId(name) : "", HELPED.includes(name) ? `${name}-help` : ""].filter(Boolean).join(" ") || undefined,
    } as const;
  };
  const typedOther = values.redirectUrlOther ?? "";
  return (
    <form method="post" action={action} aria-labelledby="invite-title" className="rounded-lg border border-gray-300 p-4">
      <ReturnTo path={returnTo} />
      <h2 id="invite-title" className="text-xl font-semibold">
        {t("invite.title")}
      </h2>
      <div className="mt-4">
        <label htmlFor="email" className="font-semibold">
          {t("fields.email")}
        </label>
        <input
          {...field("email")}
          type="email"
          required
          autoComplete="off"
          maxLength={320}
          defaultValue={values.email}
          className={INPUT}
        />
        <FieldProblem field="email" text={problem("email")} />
      </div>
      <div className="mt-4">
        <label htmlFor="displayName" className="font-semibold">
          {t("fields.displayName")} <span className="font-normal">{t("optional")}</span>
        </label>
        <input
          {...field("displayName")}
          type="text"
          autoComplete="off"
          maxLength={256}
          defaultValue={values.displayName}
          className={INPUT}
        />
        <FieldProblem field="displayName" text={problem("displayName")} />
      </div>
      <div className="mt-4">
        <label htmlFor="redirectUrl" className="font-semibold">
          {t("fields.redirectUrl")}
        </label>
        <p id="redirectUrl-help" className="text-sm text-gray-700">
          {t("help.redirectUrl")}
        </p>
        <select {...field("redirectUrl")} defaultValue={values.redirectUrl ?? choices[0] ?? ""} className={INPUT}>
          <option value="">{t("fields.redirectOther")}</option>
          {choices.map((url) => (
            <option key={url} value={url}>
              {url}
            </option>
          ))}
        </select>
        <FieldProblem field="redirectUrl" text={problem("redirectUrl")} />
      </div>
      <div className="mt-4">
        <label htmlFor="redirectUrlOther" className="font-semibold">
          {t("fields.redirectUrlOther")} <span className="font-normal">{t("optional")}</span>
        </label>
        <p id="redirectUrlOther-help" className="text-sm text-gray-700">
          {t("help.redirectUrlOther")}
        </p>
        <input
          {...field("redirectUrlOther")}
          type="url"
          inputMode="url"
          autoComplete="off"
          maxLength={2048}
          defaultValue={typedOther}
          className={INPUT}
        />
      </div>
      <div className="mt-4">
        <label htmlFor="language" className="font-semibold">
          {t("fields.language")}
        </label>
        <select {...field("language")} defaultValue={values.language ?? ""} className={INPUT}>
          <option value="">{t("languages.default")}</option>
          {SUPPORTED_LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {t(`languages.${locale}`)}
            </option>
          ))}
        </select>
        <FieldProblem field="language" text={problem("language")} />
      </div>
      <div className="mt-4">
        <label htmlFor="message" className="font-semibold">
          {t("fields.message")} <span className="font-normal">{t("optional")}</span>
        </label>
        <p id="message-help" className="text-sm text-gray-700">
          {t("help.message")}
        </p>
        <textarea {...field("message")} rows={4} maxLength={2000} defaultValue={values.message} className={INPUT} />
        <FieldProblem field="message" text={problem("message")} />
      </div>
      <div className="mt-4 flex items-center gap-2">
        <input
          id="send"
          name="send"
          type="checkbox"
          value="yes"
          defaultChecked={values.email === undefined || values.send === "yes"}
          className="h-5 w-5"
        />
        <label htmlFor="send">{t("fields.send")}</label>
      </div>
      <p className="mt-6">
        <button type="submit" className={BUTTON}>
          {t("invite.submit")}
        </button>
      </p>
    </form>
  );
}
