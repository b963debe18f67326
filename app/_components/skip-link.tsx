import { useTranslations } from "next-intl";

export const MAIN_ID = "main";

/** WCAG 2.2 SC 2.4.1: keyboard users jump past the header straight to the content. */
export function SkipLink() {
  const t = useTranslations("layout");
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-brand focus:px-4 focus:py-2 focus:text-on-brand"
    >
      {t("skipToContent")}
    </a>
  );
}
