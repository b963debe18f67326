import { getTranslations } from "next-intl/server";

const TABS = [
  { key: "packages", path: "" },
  { key: "catalogs", path: "/catalogs" },
  { key: "organizations", path: "/connected-organizations" },
  { key: "assignments", path: "/assignments" },
  { key: "requests", path: "/requests" },
] as const;

export type AccessTab = (typeof TABS)[number]["key"];

/** The parts of entitlement management, as links (the current one marked): each is a page of its own. */
export async function AccessTabs({ tenantSlug, current }: { tenantSlug: string; current: AccessTab }) {
  const t = await getTranslations("admin.access");
  const base = `/${tenantSlug}/admin/access-packages`;
  return (
    <nav aria-label={t("tabs.label")} className="mt-4">
      <ul className="flex flex-wrap gap-2">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <a
              href={`${base}${tab.path}`}
              aria-current={tab.key === current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded px-3 py-2 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-gray-900 ${tab.key === current ? "bg-gray-200 font-semibold" : ""}`}
            >
              {t(`tabs.${tab.key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
