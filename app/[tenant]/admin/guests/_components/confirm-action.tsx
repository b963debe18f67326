import { getTranslations } from "next-intl/server";
import type { GuestDetails } from "../../../../_lib/directory";
import { buttonClass, dangerButtonClass, linkClass } from "../_lib/format";

export type GuestAction = "block" | "unblock" | "delete";

interface Props {
  tenantSlug: string;
  guest: GuestDetails;
  action: GuestAction;
}

/**
 * The confirmation page of a block, unblock or delete: what will happen, to whom, and one form
 * (POST, same origin) that does it; the way back is a link. Works without JavaScript.
 */
export async function ConfirmAction({ tenantSlug, guest, action }: Props) {
  const t = await getTranslations("admin.guests.confirm");
  const list = await getTranslations("admin.guests.list");
  const page = `/${tenantSlug}/admin/guests/${guest.id}`;
  const name = guest.displayName ?? guest.email ?? list("noName");
  return (
    <section aria-labelledby="confirm-title" className="max-w-2xl">
      <h1 id="confirm-title" className="text-2xl font-bold">
        {t(`${action}.title`, { name })}
      </h1>
      <p className="mt-4">{t(`${action}.body`, { name })}</p>
      {guest.email && (
        <p className="mt-2 text-gray-700">
          {list("columns.email")}: <span className="break-all">{guest.email}</span>
        </p>
      )}
      <form method="post" action={`${page}/${action}/confirm`} className="mt-6 flex flex-wrap items-center gap-4">
        <input type="hidden" name="returnTo" value={`${page}/${action}`} />
        <button type="submit" className={action === "unblock" ? buttonClass : dangerButtonClass}>
          {t(`${action}.submit`)}
        </button>
        <a href={page} className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t("cancel")}
        </a>
      </form>
    </section>
  );
}

export async function confirmTitle(action: GuestAction, tenant: string): Promise<string> {
  const [t, shell] = [await getTranslations("admin.guests.confirm"), await getTranslations("admin.shell")];
  return `${t(`${action}.pageTitle`)} – ${shell("title", { tenant })}`;
}
