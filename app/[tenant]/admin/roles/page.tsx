import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ADMINISTRATOR_ROLES } from "../../../_lib/directory";
import { services } from "../../../_lib/server";
import { requireAdmin } from "../_lib/session";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PROBLEMS = ["forbidden", "invalidEmail", "invalidRole", "notFound", "lastGlobalAdministrator"] as const;

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.roles");
  return { title: (await searchParams).error ? t("titleWithError") : t("title") };
}

/** Members and their directory roles (Global Administrators only): assign by e-mail, remove. */
export default async function RolesPage({ params, searchParams }: Props) {
  const { tenant, actor } = await requireAdmin((await params).tenant, "roles.assign");
  const query = await searchParams;
  const t = await getTranslations("admin.roles");
  const members = await services().admin.roles.members(actor, tenant.slug);
  const problem = PROBLEMS.find((code) => code === query.error);
  const base = `/${tenant.slug}/admin`;
  const button =
    "min-h-11 rounded px-3 py-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">{t("intro")}</p>
      {problem && (
        <p role="alert" className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-4">
          {t(`errors.${problem}`)}
        </p>
      )}
      {(query.assigned === "1" || query.removed === "1") && (
        <p role="status" className="mt-4 rounded border-l-4 border-gray-700 bg-gray-100 p-4">
          {t(query.assigned === "1" ? "assigned" : "removed")}
        </p>
      )}
      <table className="mt-6 w-full border-collapse text-left">
        <caption className="text-left font-semibold">{t("caption", { count: members.length })}</caption>
        <thead>
          <tr className="border-b border-gray-400">
            <th scope="col" className="py-2 pr-4">
              {t("member")}
            </th>
            <th scope="col" className="py-2">
              {t("roles")}
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id} className="border-b border-gray-200 align-top">
              <th scope="row" className="py-2 pr-4 font-normal">
                {member.email ?? member.id}
                {member.state !== "active" && <span className="ml-2 text-sm">({t("inactive")})</span>}
              </th>
              <td className="py-2">
                <ul className="flex flex-col gap-2">
                  {member.roles.map((role) => (
                    <li key={role}>
                      <form method="post" action={`${base}/roles/remove`} className="flex flex-wrap items-center gap-3">
                        <span>{t(`names.${role}`)}</span>
                        <input type="hidden" name="memberId" value={member.id} />
                        <input type="hidden" name="role" value={role} />
                        <input type="hidden" name="returnTo" value={`${base}/roles`} />
                        <button type="submit" className={`${button} border border-red-800 text-red-800 hover:bg-red-50`}>
                          {t("remove", { role: t(`names.${role}`), member: member.email ?? member.id })}
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-8 text-xl font-semibold">{t("assignHeading")}</h2>
      <form method="post" action={`${base}/roles/assign`} className="mt-4 flex flex-wrap items-end gap-4">
        <input type="hidden" name="returnTo" value={`${base}/roles`} />
        <label className="flex flex-col gap-1">
          <span>{t("email")}</span>
          <input
            type="email"
            name="email"
            required
            maxLength={320}
            autoComplete="off"
            className="min-h-11 rounded border border-gray-700 px-3 focus-visible:outline-2 focus-visible:outline-gray-900"
          />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t("role")}</span>
          <select
            name="role"
            className="min-h-11 rounded border border-gray-700 px-3 focus-visible:outline-2 focus-visible:outline-gray-900"
          >
            {ADMINISTRATOR_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`names.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={`${button} bg-gray-900 px-5 font-semibold text-white hover:bg-gray-700`}>
          {t("assign")}
        </button>
      </form>
    </section>
  );
}
