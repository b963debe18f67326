import type { getTranslations } from "next-intl/server";
import type { GuestDetails } from "../../../../_lib/directory";
import type { Locale } from "../../../../_lib/i18n";
import { formatDateTime, linkClass } from "../_lib/format";
import { CREATED_VIA, STATES } from "../_lib/list-query";

type T = Awaited<ReturnType<typeof getTranslations<"admin.guests.list">>>;

interface Props {
  guests: readonly GuestDetails[];
  tenantSlug: string;
  locale: Locale;
  t: T;
}

const known = <V extends string>(values: readonly V[], value: string): value is V =>
  (values as readonly string[]).includes(value);

/** One page of guests: a real table (caption, column headers with scope), scrolling sideways on a phone. */
export function GuestTable({ guests, tenantSlug, locale, t }: Props) {
  if (guests.length === 0) return <p className="mt-6">{t("empty")}</p>;
  const th = "border-b-2 border-gray-900 px-3 py-2 text-left font-semibold";
  const td = "border-b border-gray-300 px-3 py-2 align-top";
  return (
    <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="guests-caption">
      <table className="min-w-full border-collapse text-sm">
        <caption id="guests-caption" className="mb-2 text-left font-semibold">
          {t("caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={th}>
              {t("columns.name")}
            </th>
            <th scope="col" className={th}>
              {t("columns.email")}
            </th>
            <th scope="col" className={th}>
              {t("columns.state")}
            </th>
            <th scope="col" className={th}>
              {t("columns.created")}
            </th>
            <th scope="col" className={th}>
              {t("columns.createdVia")}
            </th>
            <th scope="col" className={th}>
              {t("columns.flow")}
            </th>
          </tr>
        </thead>
        <tbody>
          {guests.map((guest) => (
            <tr key={guest.id}>
              <th scope="row" className={`${td} text-left font-normal`}>
                <a href={`/${tenantSlug}/admin/guests/${guest.id}`} className={linkClass}>
                  {guest.displayName ?? t("noName")}
                </a>
                {guest.userType === "Member" && <span className="ml-2 text-gray-700">({t("options.userType.Member")})</span>}
              </th>
              <td className={`${td} break-all`}>{guest.email ?? t("none")}</td>
              <td className={td}>{known(STATES, guest.state) ? t(`options.state.${guest.state}`) : guest.state}</td>
              <td className={`${td} whitespace-nowrap`}>
                <time dateTime={guest.createdAt.toISOString()}>{formatDateTime(guest.createdAt, locale)}</time>
              </td>
              <td className={td}>
                {known(CREATED_VIA, guest.createdVia) ? t(`options.createdVia.${guest.createdVia}`) : guest.createdVia}
              </td>
              <td className={td}>{guest.signedUpVia?.userFlowName ?? t("none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
