"use client";

import { usePathname } from "next/navigation";
import { digestOf, UnexpectedError } from "./_components/errors/unexpected-error";

/**
 * An App Router page failed (the guest pages are Pages Router pages with their own failure page,
 * app/_components/plain/failure-props.ts): Guestgate's own colours, the page's language.
 */
export default function SiteError({ error, retry }: { error: unknown; retry: () => void }) {
  const pathname = usePathname() ?? undefined;
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-16">
      <UnexpectedError reference={digestOf(error)} homeHref="/" retryHref={pathname} retry={retry} focusHeading ownTitle />
    </main>
  );
}
