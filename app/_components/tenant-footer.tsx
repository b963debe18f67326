import { useTranslations } from "next-intl";
// eslint-disable-next-line guestgate/layers -- the Pages Router's browser build must not reach the barrel's file loader
import type { Branding } from "../_lib/tenant/schema";

export function TenantFooter({ links }: { links: Branding["footerLinks"] }) {
  const t = useTranslations("footer");
  const entries = (["privacy", "terms", "support"] as const).flatMap((kind) =>
    links[kind] ? [{ kind, href: links[kind] }] : [],
  );
  return (
    <footer className="mx-auto mt-12 max-w-3xl px-4 pb-8 text-sm">
      {entries.length > 0 && (
        <nav aria-label={t("label")}>
          <ul className="flex flex-wrap gap-4">
            {entries.map(({ kind, href }) => (
              <li key={kind}>
                <a className="underline underline-offset-2" href={href} rel="noopener noreferrer">
                  {t(kind)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p className="mt-4">{t("poweredBy")}</p>
    </footer>
  );
}
