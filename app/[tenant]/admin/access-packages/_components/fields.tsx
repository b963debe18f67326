import type { ReactNode } from "react";
import { FieldProblem, INPUT, problemId } from "../../_components/form-parts";

interface FieldProps {
  name: string;
  label: string;
  value: string;
  problem: string | undefined;
  hint?: string;
  /** A textarea of this many rows instead of a one-line input. */
  rows?: number;
  type?: "text" | "email" | "number" | "date";
  maxLength?: number;
  required?: boolean;
  min?: number;
  max?: number;
}

const describedBy = (name: string, hint: boolean, problem: boolean) =>
  [hint ? `${name}-hint` : "", problem ? problemId(name) : ""].filter(Boolean).join(" ") || undefined;

/** A labelled field with its hint and its problem tied to it (WCAG 1.3.1, 3.3.1). */
export function Field(props: FieldProps) {
  const { name, label, value, problem, hint, rows, type = "text", maxLength = 1024, required, min, max } = props;
  const common = {
    id: name,
    name,
    defaultValue: value,
    required,
    "aria-invalid": problem ? true : undefined,
    "aria-describedby": describedBy(name, Boolean(hint), Boolean(problem)),
    className: INPUT,
  };
  return (
    <div>
      <label htmlFor={name} className="block font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${name}-hint`} className="text-sm text-gray-800">
          {hint}
        </p>
      )}
      {rows ? (
        <textarea rows={rows} maxLength={maxLength} {...common} />
      ) : (
        <input
          type={type}
          maxLength={type === "text" || type === "email" ? maxLength : undefined}
          min={min}
          max={max}
          {...common}
        />
      )}
      <FieldProblem field={name} text={problem} />
    </div>
  );
}

/** A labelled checkbox (the label is the whole row: a 44 px target). */
export function Check({
  name,
  label,
  checked,
  value = "on",
}: {
  name: string;
  label: ReactNode;
  checked: boolean;
  value?: string;
}) {
  const id = value === "on" ? name : `${name}-${value}`;
  return (
    <label htmlFor={id} className="flex min-h-11 items-center gap-2">
      <input type="checkbox" id={id} name={name} value={value} defaultChecked={checked} className="h-5 w-5" />
      <span>{label}</span>
    </label>
  );
}

/** One choice of a radio group. */
export function Radio(props: { name: string; value: string; label: ReactNode; checked: boolean; describedBy?: string }) {
  const id = `${props.name}-${props.value}`;
  return (
    <label htmlFor={id} className="flex min-h-11 items-center gap-2">
      <input
        type="radio"
        id={id}
        name={props.name}
        value={props.value}
        defaultChecked={props.checked}
        aria-describedby={props.describedBy}
        className="h-5 w-5"
      />
      <span>{props.label}</span>
    </label>
  );
}

/** A fieldset with a legend and its problem (a radio group, a stage of approval). */
export function Group(props: { name: string; legend: string; problem?: string | undefined; children: ReactNode; hint?: string }) {
  return (
    <fieldset
      id={props.name}
      tabIndex={-1}
      className="rounded border border-gray-300 p-3"
      aria-describedby={describedBy(props.name, Boolean(props.hint), Boolean(props.problem))}
    >
      <legend className="px-1 font-semibold">{props.legend}</legend>
      {props.hint && (
        <p id={`${props.name}-hint`} className="text-sm text-gray-800">
          {props.hint}
        </p>
      )}
      {props.children}
      <FieldProblem field={props.name} text={props.problem} />
    </fieldset>
  );
}
