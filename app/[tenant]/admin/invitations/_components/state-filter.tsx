import type { InvitationState } from "../../../../_lib/invitations";
import { INPUT, SECONDARY_BUTTON } from "../../_components/form-parts";
import type { InvitationsT } from "../_lib/translator";

/** A GET form: the list by state (pending, accepted, expired, revoked) or all. */
export function StateFilter({
  action,
  states,
  current,
  t,
}: {
  action: string;
  states: readonly InvitationState[];
  current: InvitationState | undefined;
  t: InvitationsT;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={t("list.filterLabel")}
      className="mt-4 flex flex-wrap items-end gap-3"
    >
      <div>
        <label htmlFor="state" className="font-semibold">
          {t("list.state")}
        </label>
        <select id="state" name="state" defaultValue={current ?? ""} className={INPUT}>
          <option value="">{t("list.allStates")}</option>
          {states.map((state) => (
            <option key={state} value={state}>
              {t(`states.${state}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={SECONDARY_BUTTON}>
        {t("list.filter")}
      </button>
    </form>
  );
}
