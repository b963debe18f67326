import { BUTTON, FieldProblem, INPUT, problemId } from "../../_components/form-parts";
import type { InvitationsT } from "../_lib/translator";

interface Props {
  action: string;
  choices: readonly string[];
  problem: string | undefined;
  t: InvitationsT;
}

/** The CSV upload (multipart): the file, the redirect URL for rows without one, whether to send the e-mails. */
export function BulkForm({ action, choices, problem, t }: Props) {
  return (
    <form
      method="post"
      action={action}
      encType="multipart/form-data"
      aria-labelledby="bulk-title"
      className="rounded-lg border border-gray-300 p-4"
    >
      <h2 id="bulk-title" className="text-xl font-semibold">
        {t("bulk.title")}
      </h2>
      <p id="file-help" className="mt-2 text-sm text-gray-800">
        {t("bulk.help")}
      </p>
      <figure className="mt-2">
        <figcaption id="bulk-example" className="text-sm font-semibold">
          {t("bulk.exampleLabel")}
        </figcaption>
        {/* A long redirect URL scrolls sideways: the region takes focus so a keyboard can scroll it (WCAG 2.1.1). */}
        <pre
          tabIndex={0}
          role="region"
          aria-labelledby="bulk-example"
          className="mt-1 overflow-x-auto rounded bg-gray-100 p-2 text-sm"
        >
          email,displayName,language,redirectUrl{"\n"}ada@example.com,Ada Lovelace,en,{choices[0] ?? "https://…"}
        </pre>
      </figure>
      <div className="mt-4">
        <label htmlFor="file" className="font-semibold">
          {t("fields.file")}
        </label>
        <input
          id="file"
          name="file"
          type="file"
          required
          accept=".csv,text/csv"
          aria-invalid={problem ? true : undefined}
          aria-describedby={[problem ? problemId("file") : "", "file-help"].filter(Boolean).join(" ")}
          className={INPUT}
        />
        <FieldProblem field="file" text={problem} />
      </div>
      <div className="mt-4">
        <label htmlFor="bulk-redirectUrl" className="font-semibold">
          {t("fields.bulkRedirectUrl")}
        </label>
        <select id="bulk-redirectUrl" name="redirectUrl" defaultValue={choices[0] ?? ""} className={INPUT}>
          <option value="">{t("fields.bulkRedirectNone")}</option>
          {choices.map((url) => (
            <option key={url} value={url}>
              {url}
            </option>
          ))}
        </select>
      </div>
      <div className="mt-4 flex items-center gap-2">
        <input id="bulk-send" name="send" type="checkbox" value="yes" className="h-5 w-5" />
        <label htmlFor="bulk-send">{t("fields.bulkSend")}</label>
      </div>
      <p className="mt-6">
        <button type="submit" className={BUTTON}>
          {t("bulk.submit")}
        </button>
      </p>
    </form>
  );
}
