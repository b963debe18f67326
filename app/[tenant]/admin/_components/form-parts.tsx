import type { ReactNode } from "react";

/** The portal's form building blocks: labels tied to fields, problems next to them (WCAG 3.3.1). */
export const problemId = (field: string) => `${field}-problem`;

export const INPUT =
  "mt-1 block w-full rounded border border-gray-600 bg-white px-3 py-2 text-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900 aria-[invalid=true]:border-red-700";
export const BUTTON =
  "inline-flex min-h-11 items-center rounded bg-gray-900 px-4 py-2 font-semibold text-white hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
export const SECONDARY_BUTTON =
  "inline-flex min-h-11 items-center rounded border border-gray-900 bg-white px-4 py-2 font-semibold text-gray-900 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
export const DANGER_BUTTON =
  "inline-flex min-h-11 items-center rounded border border-red-800 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800";
export const LINK =
  "font-semibold text-gray-900 underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-gray-900";

export function FieldProblem({ field, text }: { field: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={problemId(field)} className="mt-1 text-sm font-semibold text-red-800">
      {text}
    </p>
  );
}

/**
 * The summary at the top of a form that failed: it names each problem and links to its field.
 * `autoFocus` puts it in focus where scripts run; the 303 lands on `#problems` so it is in view
 * where they do not.
 */
export function ProblemSummary({ title, problems }: { title: string; problems: { field: string; text: string }[] }) {
  if (problems.length === 0) return null;
  return (
    <div
      id="problems"
      role="alert"
      tabIndex={-1}
      autoFocus
      aria-labelledby="problems-title"
      className="mb-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900 focus-visible:outline-2 focus-visible:outline-red-800"
    >
      <h2 id="problems-title" className="font-semibold">
        {title}
      </h2>
      <ul className="mt-2 list-disc pl-6">
        {problems.map((problem) => (
          <li key={problem.field}>
            <a className="underline underline-offset-2" href={`#${problem.field}`}>
              {problem.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="mb-6 rounded-lg border-l-4 border-green-800 bg-green-50 p-4 text-green-950">
      {children}
    </p>
  );
}

/** The hidden fields every portal form carries: where to come back to after signing in again. */
export function ReturnTo({ path }: { path: string }) {
  return <input type="hidden" name="returnTo" value={path} />;
}
