"use client";

import { usePathname } from "next/navigation";
import { digestOf, UnexpectedError } from "./_components/errors/unexpected-error";

/**
 * A page outside any tenant failed, or a tenant's own layout did (app/[tenant]/(guest)/error.tsx sits
 * inside that layout and cannot catch it): Guestgate's own colours, the page's language.
 */
export default function SiteError({ error, retry }: { error: unknown; retry: () => void }) {
  const pathname = usePathname() ?? undefined;
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-16">
      <UnexpectedError reference={digestOf(error)} homeHref="/" retryHref={pathname} retry={retry} focusHeading ownTitle />
    </main>
  );
}
