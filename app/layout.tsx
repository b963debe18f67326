import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("siteName") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = [await getLocale(), await getMessages()];
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        {/* Only what client components render (the error boundaries), not the whole catalog. */}
        <NextIntlClientProvider messages={{ errors: { generic: messages.errors.generic } }}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
