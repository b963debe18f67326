import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { services } from "../../../_lib/server";
import { BUTTON, FieldProblem, INPUT, LINK, Notice, ProblemSummary, ReturnTo, problemId } from "../_components/form-parts";
import { readFeedback, readNotice } from "../_lib/form-feedback";
import { requireAdmin } from "../_lib/session";
import { groupProblemTexts } from "./_lib/group-problems";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PAGE_SIZE = 50;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.groups");
  const title = t("list.pageTitle", { tenant: tenantOrNotFound(tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/** Keyset position of the next page: (displayName, id) of the last group shown. */
function readAfter(value: string | string[] | undefined): { displayName: string; id: string } | undefined {
  if (typeof value !== "string" || value.length > 1024) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [displayName, id] = parsed as unknown[];
      if (typeof displayName === "string" && typeof id === "string") return { displayName, id };
    }
  } catch {
    // a hand-made cursor: the first page
  }
  return undefined;
}

export default async function GroupsPage({ params, searchParams }: Props) {
  const { tenant, actor, session } = await requireAdmin((await params).tenant, "groups.read");
  const query = await searchParams;
  const t = await getTranslations("admin.groups");
  const after = readAfter(query.after);
  const page = await services().groups.list(actor, tenant.slug, { filters: [], ...(after ? { after } : {}), top: PAGE_SIZE });
  const feedback = readFeedback(query.form);
  const problems = await groupProblemTexts(feedback);
  const notice = readNotice(query.done, ["deleted"] as const);
  const base = `/${tenant.slug}/admin/groups`;
  const canWrite = session.actorFor("groups.write") !== undefined;
  const last = page.items.at(-1);
  const next =
    page.more && last
      ? `${base}?after=${Buffer.from(JSON.stringify([last.displayName, last.id])).toString("base64url")}`
      : undefined;
  const labels: Record<string, string> = { displayName: t("fields.displayName"), description: t("fields.description") };
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-bold">{t("list.title")}</h1>
      <p className="mt-2">{t("list.intro")}</p>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: labels[field] ?? t("fields.displayName"), problem: text }),
          }))}
        />
      </div>
      {page.items.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("fields.displayName")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.description")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((group) => (
                <tr key={group.id} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <a href={`${base}/${group.id}`} className={LINK}>
                      {group.displayName}
                    </a>
                  </th>
                  <td className="py-2 pr-4">{group.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p className="mt-4">
          <a href={next} className={LINK}>
            {t("list.next")}
          </a>
        </p>
      )}
      {canWrite && (
        <form method="post" action={`${base}/create`} className="mt-10 space-y-4 rounded border border-gray-400 p-4" noValidate>
          <h2 className="text-xl font-bold">{t("create.title")}</h2>
          <ReturnTo path={base} />
          <div>
            <label htmlFor="displayName" className="block font-semibold">
              {labels.displayName}
            </label>
            <input
              id="displayName"
              name="displayName"
              required
              maxLength={256}
              defaultValue={feedback?.values.displayName ?? ""}
              aria-invalid={problems.displayName ? true : undefined}
              aria-describedby={problems.displayName ? problemId("displayName") : undefined}
              className={INPUT}
            />
            <FieldProblem field="displayName" text={problems.displayName} />
          </div>
          <div>
            <label htmlFor="description" className="block font-semibold">
              {labels.description}
            </label>
            <textarea
              id="description"
              name="description"
              rows={2}
              maxLength={1024}
              defaultValue={feedback?.values.description ?? ""}
              aria-invalid={problems.description ? true : undefined}
              aria-describedby={problems.description ? problemId("description") : undefined}
              className={INPUT}
            />
            <FieldProblem field="description" text={problems.description} />
          </div>
          <button type="submit" className={BUTTON}>
            {t("create.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
