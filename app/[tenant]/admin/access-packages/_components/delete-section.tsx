import { getTranslations } from "next-intl/server";
import { DANGER_BUTTON, FieldProblem, LINK, problemId, ReturnTo } from "../../_components/form-parts";

/**
 * Deleting something of the section: a plain form (no script) whose box must be ticked — the
 * confirmation step — and whose refusal (not ticked, or the service's "still in use") comes back
 * next to the box. `cancel`: where the person goes instead (a list opened this for one row).
 */
export async function DeleteSection({
  action,
  here,
  name,
  warning,
  problem,
  cancel,
}: {
  /** The delete route (POST). */
  action: string;
  /** This page, to come back to with a refusal. */
  here: string;
  name: string;
  warning: string;
  problem: string | undefined;
  cancel?: string;
}) {
  const t = await getTranslations("admin.access.delete");
  return (
    <section aria-labelledby="delete-heading" className="mt-10 rounded border border-red-800 p-4">
      <h2 id="delete-heading" className="text-xl font-bold">
        {t("title", { name })}
      </h2>
      <p className="mt-2 max-w-prose">{warning}</p>
      <form method="post" action={action} className="mt-4 space-y-4" noValidate>
        <ReturnTo path={here} />
        <label id="confirm" className="flex min-h-11 items-center gap-3">
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            required
            className="size-5"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId("confirm") : undefined}
          />
          {t("confirm", { name })}
        </label>
        <FieldProblem field="confirm" text={problem} />
        <div className="flex flex-wrap items-center gap-6">
          <button type="submit" className={DANGER_BUTTON}>
            {t("submit")}
          </button>
          {cancel && (
            <a href={cancel} className={LINK}>
              {t("cancel")}
            </a>
          )}
        </div>
      </form>
    </section>
  );
}
