"use client";

import { NextIntlClientProvider } from "next-intl";
import { useEffect, useState } from "react";
import { loadMessages, negotiateLocale, SOURCE_LOCALE, SUPPORTED_LOCALES, type Locale } from "./_lib/i18n";
import { digestOf, UnexpectedError } from "./_components/errors/unexpected-error";
import "./globals.css";

/**
 * The language of the document this bundle started in, read when the module is first evaluated
 * in the browser — before this boundary replaces <html> (and its lang) with its own.
 */
const startLocale = typeof document === "undefined" ? undefined : document.documentElement.lang;

interface Loaded {
  locale: Locale;
  messages: { errors: { generic: Record<string, string> } };
}

/**
 * The root layout itself failed, so nothing of it (language, messages, styles) is there: this
 * boundary brings its own document. Its words are fetched only now, in one language — the page's,
 * else the browser's — so no page carries all four catalogs for a failure that rarely happens.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const [loaded, setLoaded] = useState<Loaded>();

  useEffect(() => {
    const locale = negotiateLocale(
      { cookie: startLocale, acceptLanguage: navigator.languages.join(",") },
      SUPPORTED_LOCALES,
      SOURCE_LOCALE,
    );
    void loadMessages(locale).then((messages) =>
      setLoaded({ locale, messages: { errors: { generic: messages.errors.generic } } }),
    );
  }, []);

  return (
    <html lang={loaded?.locale}>
      <body className="min-h-screen font-sans antialiased">
        <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-16">
          {loaded && (
            <NextIntlClientProvider locale={loaded.locale} messages={loaded.messages}>
              <UnexpectedError
                reference={digestOf(error)}
                homeHref="/"
                retryHref={typeof location === "undefined" ? undefined : location.pathname}
                retry={retry}
                focusHeading
                ownTitle
              />
            </NextIntlClientProvider>
          )}
        </main>
      </body>
    </html>
  );
}
