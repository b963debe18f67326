import type { ReactNode } from "react";

/**
 * Every journey form posts to the journey's submit route with the version it was rendered at.
 * `noValidate`: the server's messages are the page's own, in the page's language; the browser's
 * bubbles would be in the browser's language, vanish after a few seconds and say less ("Please
 * match the requested format" instead of "Enter 8 digits").
 */
export function JourneyForm({
  action,
  version,
  children,
  className,
}: {
  action: string;
  version: number;
  children: ReactNode;
  className?: string;
}) {
  return (
    <form method="post" action={action} className={className} noValidate>
      <input type="hidden" name="version" value={version} />
      {children}
    </form>
  );
}

export function PrimaryButton({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      // The transparent border becomes the button's outline in forced colours, where the fill is dropped.
      className="mt-6 inline-flex min-h-11 w-full items-center justify-center rounded-lg border-2 border-transparent bg-brand px-6 py-2 font-semibold text-on-brand hover:opacity-90"
    >
      {children}
    </button>
  );
}

export function SecondaryButton({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      formNoValidate
      className="min-h-11 px-1 py-2 text-left underline underline-offset-2"
    >
      {children}
    </button>
  );
}

export const inputClass =
  "mt-1 block w-full rounded-md border border-gray-600 bg-white px-3 py-2 text-black aria-invalid:border-red-700 aria-invalid:ring-2 aria-invalid:ring-red-700";
