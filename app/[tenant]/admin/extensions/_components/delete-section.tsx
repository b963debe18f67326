import { getTranslations } from "next-intl/server";
import { DANGER_BUTTON, FieldProblem, ReturnTo } from "../../_components/form-parts";
import { H2, SECTION } from "../../user-flows/_components/editor-props";

/** Deleting asks for a ticked box and (on the server) a fresh sign-in proof. */
export async function DeleteSection({ here, name, problem }: { here: string; name: string; problem: string | undefined }) {
  const t = await getTranslations("admin.extensions.delete");
  return (
    <section aria-labelledby="delete-heading" className={SECTION}>
      <h2 id="delete-heading" className={H2}>
        {t("title")}
      </h2>
      <p className="mt-2 max-w-prose">{t("warning")}</p>
      <form method="post" action={`${here}/delete`} className="mt-4 space-y-4" noValidate>
        <ReturnTo path={here} />
        <label id="inUse" className="flex min-h-11 items-center gap-3">
          <input type="checkbox" name="confirm" value="yes" required className="size-5" />
          {t("confirm", { name })}
        </label>
        <FieldProblem field="inUse" text={problem} />
        <button type="submit" className={DANGER_BUTTON}>
          {t("submit")}
        </button>
      </form>
    </section>
  );
}
