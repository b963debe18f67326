"use client";

import { useParams, usePathname } from "next/navigation";
import { digestOf, UnexpectedError } from "../../_components/errors/unexpected-error";

/**
 * A page of a tenant failed to render: shown inside the tenant's layout (header, branding, footer,
 * language), with Next's digest as the reference that `onRequestError` also wrote to the log.
 * Without JavaScript the server-rendered HTML already is this page; "Try again" is then a plain
 * link that loads the page again.
 */
export default function TenantPageError({ error, retry }: { error: unknown; retry: () => void }) {
  // Both can be null while the Pages Router (the script-free guest pages) shares the build.
  const tenant = useParams<{ tenant: string }>()?.tenant ?? "";
  const pathname = usePathname() ?? undefined;
  return (
    <UnexpectedError
      reference={digestOf(error)}
      homeHref={`/${encodeURIComponent(tenant)}`}
      retryHref={pathname}
      retry={retry}
      focusHeading
      ownTitle
    />
  );
}
