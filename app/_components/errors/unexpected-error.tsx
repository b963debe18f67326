"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type MouseEvent } from "react";

export interface UnexpectedErrorProps {
  /**
   * Shown to the person and written in the server's log line of the same failure: Next's digest
   * for a failed render, the route wrapper's reference for a failed form post.
   */
  reference?: string;
  /** Where "Go to the start page" leads (the tenant's start page, or the site's). */
  homeHref: string;
  /**
   * "Try again": a link that loads this address again, so it works without JavaScript; with
   * JavaScript, `retry` re-renders the failed part in place instead of reloading the page.
   */
  retryHref?: string;
  retry?: () => void;
  /**
   * Shown in place of a page the person was on (an error boundary): focus moves to the heading, so
   * a screen reader announces what happened (WCAG 2.2 SC 2.4.3, 4.1.3). A full page load keeps
   * the browser's own focus handling.
   */
  focusHeading?: boolean;
  /**
   * Render the document's <title> (WCAG 2.2 SC 2.4.2): an error boundary replaces a page whose
   * metadata still names that page; a page of its own sets its title through its metadata.
   */
  ownTitle?: boolean;
  /** Offer "Go back" (browser history): only once JavaScript runs, because without it the button would do nothing. */
  offerBack?: boolean;
}

const primary =
  "inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-6 py-2 font-semibold text-on-brand hover:opacity-90";
const secondary = "inline-flex min-h-11 items-center px-1 py-2 underline underline-offset-2";

/** The one face of an unexpected failure: what happened, that it is not the person's fault, a reference, and ways on. */
export function UnexpectedError({
  reference,
  homeHref,
  retryHref,
  retry,
  focusHeading,
  ownTitle,
  offerBack,
}: UnexpectedErrorProps) {
  const t = useTranslations("errors.generic");
  const heading = useRef<HTMLHeadingElement>(null);
  const [scripted, setScripted] = useState(false);

  useEffect(() => {
    if (focusHeading) heading.current?.focus();
    // Rendering the JavaScript-only control after hydration keeps server and client markup equal.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the one-time "JavaScript runs" switch
    setScripted(true);
  }, [focusHeading]);

  const onRetry = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!retry) return;
    event.preventDefault();
    retry();
  };

  return (
    <article className="rounded-xl bg-white p-8 text-black shadow" aria-labelledby="unexpected-error-title">
      {ownTitle && <title>{t("title")}</title>}
      {/* autofocus as well as the effect: the script-free guest pages never run the effect. */}
      <h1
        id="unexpected-error-title"
        ref={heading}
        tabIndex={-1}
        autoFocus={focusHeading}
        className="text-2xl font-bold text-brand"
      >
        {t("title")}
      </h1>
      <p className="mt-4">{t("body")}</p>
      <p className="mt-4">{t("hint")}</p>
      {reference && (
        <p className="mt-4" data-testid="error-reference">
          {t("reference", { id: reference })}
        </p>
      )}
      <div className="mt-6 flex flex-wrap items-center gap-x-6 gap-y-3">
        {retryHref && (
          <a href={retryHref} onClick={onRetry} className={primary}>
            {t("retry")}
          </a>
        )}
        {offerBack && scripted && (
          // The main way on when there is nothing to retry here (a failed form post: back to the form).
          <button type="button" onClick={() => history.back()} className={retryHref ? secondary : primary}>
            {t("back")}
          </button>
        )}
        <a href={homeHref} className={secondary}>
          {t("home")}
        </a>
      </div>
    </article>
  );
}

/** Next's digest of a server error (the same value `onRequestError` logs), if the thrown value has one. */
export function digestOf(error: unknown): string | undefined {
  const digest = typeof error === "object" && error !== null ? (error as { digest?: unknown }).digest : undefined;
  return typeof digest === "string" && /^[\w-]{1,64}$/.test(digest) ? digest : undefined;
}
