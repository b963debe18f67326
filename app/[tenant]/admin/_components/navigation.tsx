import { getTranslations } from "next-intl/server";
import type { AdminCapability } from "../../../_lib/admin";

/** The portal's sections, each shown to the roles that may open it (the page checks again). */
const SECTIONS = [
  { key: "overview", path: "", capability: "overview.read" },
  { key: "guests", path: "/guests", capability: "guests.read" },
  { key: "invitations", path: "/invitations", capability: "guests.invite" },
  { key: "signUpRequests", path: "/sign-up-requests", capability: "guests.write" },
  { key: "applications", path: "/applications", capability: "applications.read" },
  { key: "userFlows", path: "/user-flows", capability: "userFlows.read" },
  { key: "extensions", path: "/extensions", capability: "extensions.read" },
  { key: "groups", path: "/groups", capability: "groups.read" },
  { key: "accessPackages", path: "/access-packages", capability: "access.read" },
  { key: "accessApprovals", path: "/access-approvals", capability: "access.approve" },
  { key: "audit", path: "/audit", capability: "audit.read" },
  { key: "settings", path: "/settings", capability: "settings.write" },
  { key: "roles", path: "/roles", capability: "roles.assign" },
] as const satisfies readonly { key: string; path: string; capability: AdminCapability }[];

export type AdminSection = (typeof SECTIONS)[number]["key"];

interface Props {
  tenantSlug: string;
  capabilities: ReadonlySet<AdminCapability>;
  currentPath: string;
}

export async function AdminNavigation({ tenantSlug, capabilities, currentPath }: Props) {
  const t = await getTranslations("admin.shell.navigation");
  const base = `/${tenantSlug}/admin`;
  const path = currentPath.split("?")[0]!;
  return (
    <nav aria-label={t("label")} className="md:w-56 md:shrink-0">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {SECTIONS.filter((section) => capabilities.has(section.capability)).map((section) => {
          const href = `${base}${section.path}`;
          const current = section.path === "" ? path === base : path === href || path.startsWith(`${href}/`);
          return (
            <li key={section.key}>
              <a
                href={href}
                aria-current={current ? "page" : undefined}
                className={`flex min-h-11 items-center rounded px-3 py-2 text-black hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900 ${current ? "bg-gray-200 font-semibold" : ""}`}
              >
                {t(section.key)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
