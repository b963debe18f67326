import { FieldProblem, INPUT, problemId } from "../../_components/form-parts";
import { SECRET_LIFETIMES_DAYS } from "../_lib/secret-lifetimes";

/** A list of URIs, one a line, with its help and its problem tied to it. */
export function UriField(props: { name: string; label: string; help: string; value: string; problem: string | undefined }) {
  const { name, label, help, value, problem } = props;
  return (
    <div>
      <label htmlFor={name} className="block font-semibold">
        {label}
      </label>
      <p id={`${name}-help`} className="text-sm text-gray-800">
        {help}
      </p>
      <textarea
        id={name}
        name={name}
        rows={3}
        defaultValue={value}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={[`${name}-help`, problem ? problemId(name) : ""].filter(Boolean).join(" ")}
        className={`${INPUT} font-mono text-sm`}
      />
      <FieldProblem field={name} text={problem} />
    </div>
  );
}

/** A new secret's description and lifetime. */
export function SecretFields(props: {
  labels: { name: string; expiry: string };
  values: { name: string; expiry: string };
  problems: Record<string, string>;
  daysLabel: (days: number) => string;
}) {
  const { labels, values, problems, daysLabel } = props;
  return (
    <div className="mt-3 grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="secretDisplayName" className="block font-semibold">
          {labels.name}
        </label>
        <input
          id="secretDisplayName"
          name="secretDisplayName"
          maxLength={256}
          defaultValue={values.name}
          aria-invalid={problems.secretDisplayName ? true : undefined}
          aria-describedby={problems.secretDisplayName ? problemId("secretDisplayName") : undefined}
          className={INPUT}
        />
        <FieldProblem field="secretDisplayName" text={problems.secretDisplayName} />
      </div>
      <div>
        <label htmlFor="secretExpiry" className="block font-semibold">
          {labels.expiry}
        </label>
        <select
          id="secretExpiry"
          name="secretExpiry"
          defaultValue={values.expiry}
          aria-invalid={problems.secretExpiry ? true : undefined}
          aria-describedby={problems.secretExpiry ? problemId("secretExpiry") : undefined}
          className={`${INPUT} min-h-11`}
        >
          {SECRET_LIFETIMES_DAYS.map((days) => (
            <option key={days} value={String(days)}>
              {daysLabel(days)}
            </option>
          ))}
        </select>
        <FieldProblem field="secretExpiry" text={problems.secretExpiry} />
      </div>
    </div>
  );
}
