import { useTranslations } from "next-intl";
import type { FieldProblem } from "../../_lib/myaccess";
import type { QuestionView } from "../plain/myaccess-props";

const inputClass =
  "mt-1 block w-full rounded-md border border-gray-600 bg-white px-3 py-2 text-black aria-invalid:border-red-700 aria-invalid:ring-2 aria-invalid:ring-red-700";

/**
 * One policy question: a text field (one line or several), or a group of radio buttons or
 * checkboxes in a fieldset whose legend is the question. Its error sits under it and is named by
 * aria-describedby; ids are the form field's name, so the error summary links to them.
 */
export function QuestionField({
  question,
  problem,
  values,
  autoFocus,
}: {
  question: QuestionView;
  problem: FieldProblem | undefined;
  values: string[];
  autoFocus: boolean;
}) {
  const t = useTranslations("myAccess");
  const errorId = `${question.field}-error`;
  const marker = <span className="font-normal">{t(question.required ? "package.required" : "package.optional")}</span>;
  const error = problem && (
    <p id={errorId} className="mt-1 text-sm font-semibold text-red-800">
      {t(`errors.${problem === "unknown" ? "choice" : problem}`)}
    </p>
  );
  if (question.kind === "choice" || question.kind === "choices") {
    const type = question.kind === "choice" ? "radio" : "checkbox";
    return (
      <fieldset className="mt-6" aria-describedby={problem ? errorId : undefined}>
        <legend className="font-semibold">
          {question.text} {marker}
        </legend>
        {error}
        {question.choices.map((choice, index) => (
          <div key={choice.value} className="mt-2 flex min-h-11 items-center gap-3">
            <input
              id={`${question.field}-${index}`}
              type={type}
              name={question.field}
              value={choice.value}
              defaultChecked={values.includes(choice.value)}
              autoFocus={autoFocus && index === 0}
              aria-invalid={problem ? true : undefined}
              className="h-5 w-5"
            />
            <label htmlFor={`${question.field}-${index}`}>{choice.text}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  const shared = {
    id: question.field,
    name: question.field,
    required: question.required,
    maxLength: 2000,
    defaultValue: values[0] ?? "",
    autoFocus,
    "aria-invalid": problem ? true : undefined,
    "aria-describedby": problem ? errorId : undefined,
    className: inputClass,
  } as const;
  return (
    <div className="mt-6">
      <label htmlFor={question.field} className="block font-semibold">
        {question.text} {marker}
      </label>
      {question.kind === "multiline" ? <textarea rows={3} {...shared} /> : <input type="text" {...shared} />}
      {error}
    </div>
  );
}
