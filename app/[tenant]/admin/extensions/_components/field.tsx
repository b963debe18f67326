import type { ReactNode } from "react";
import { FieldProblem, problemId } from "../../_components/form-parts";

/** A labelled control with its hint and its problem, tied together for assistive technology (WCAG 1.3.1, 3.3.1). */
export function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problem: string | undefined;
  children: (described: { "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : undefined, problem ? problemId(id) : undefined].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-gray-800">
          {hint}
        </p>
      )}
      {children({ ...(described ? { "aria-describedby": described } : {}), ...(problem ? { "aria-invalid": true } : {}) })}
      <FieldProblem field={id} text={problem} />
    </div>
  );
}
