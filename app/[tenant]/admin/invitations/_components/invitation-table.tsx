import type { InvitationState, InvitationView } from "../../../../_lib/invitations";
import type { Locale } from "../../../../_lib/i18n";
import { DANGER_BUTTON, SECONDARY_BUTTON } from "../../_components/form-parts";
import { formatDateTime } from "../../guests/_lib/format";
import type { InvitationsT } from "../_lib/translator";

interface Props {
  invitations: readonly InvitationView[];
  base: string;
  state: InvitationState | undefined;
  /** Reset redemption: Entra's Guest Inviter, User or Global Administrator. */
  mayReset: boolean;
  locale: Locale;
  t: InvitationsT;
}

const BADGE: Record<InvitationState, string> = {
  pending: "bg-amber-100 text-amber-950",
  accepted: "bg-green-100 text-green-950",
  expired: "bg-gray-200 text-gray-900",
  revoked: "bg-red-100 text-red-950",
};

/**
 * The invitations of one page. Each action is its own small POST form naming the invitation in
 * the path; the button's accessible name says which address it acts on.
 */
export function InvitationTable({ invitations, base, state, mayReset, locale, t }: Props) {
  if (invitations.length === 0) return <p className="mt-4">{t("list.empty")}</p>;
  const action = (id: string, verb: "resend" | "revoke", email: string, danger = false) => (
    <form method="post" action={`${base}/${id}/${verb}`}>
      <input type="hidden" name="returnTo" value={base} />
      {state && <input type="hidden" name="state" value={state} />}
      <button
        type="submit"
        className={danger ? DANGER_BUTTON : SECONDARY_BUTTON}
        aria-label={t(`actions.${verb}Label`, { email })}
      >
        {t(`actions.${verb}`)}
      </button>
    </form>
  );
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{t("list.caption")}</caption>
        <thead>
          <tr className="border-b border-gray-400">
            <th scope="col" className="py-2 pr-4">
              {t("list.columns.email")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("list.columns.state")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("list.columns.expires")}
            </th>
            <th scope="col" className="py-2">
              {t("list.columns.actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => {
            const open = invitation.state === "pending" || invitation.state === "expired";
            return (
              <tr key={invitation.id} className="border-b border-gray-200 align-top">
                <th scope="row" className="py-2 pr-4 font-normal">
                  <span className="block font-semibold break-all">{invitation.email}</span>
                  {invitation.displayName && <span className="block text-sm text-gray-800">{invitation.displayName}</span>}
                </th>
                <td className="py-2 pr-4">
                  <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${BADGE[invitation.state]}`}>
                    {t(`states.${invitation.state}`)}
                  </span>
                </td>
                <td className="py-2 pr-4 text-sm whitespace-nowrap">
                  {invitation.state === "accepted" && invitation.redeemedAt
                    ? t("list.acceptedAt", { date: formatDateTime(invitation.redeemedAt, locale) })
                    : invitation.state === "revoked"
                      ? "–"
                      : formatDateTime(invitation.ticketExpiresAt, locale)}
                </td>
                <td className="py-2">
                  <div className="flex flex-wrap gap-2">
                    {open && action(invitation.id, "resend", invitation.email)}
                    {open && action(invitation.id, "revoke", invitation.email, true)}
                    {invitation.state === "accepted" && mayReset && (
                      // Not a button: resetting signs the guest out, so it has a confirmation page first.
                      <a
                        href={`${base}/${invitation.id}/reset${state ? `?state=${state}` : ""}`}
                        className={DANGER_BUTTON}
                        aria-label={t("actions.resetLabel", { email: invitation.email })}
                      >
                        {t("actions.reset")}
                      </a>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
