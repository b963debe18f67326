import type { Metadata } from "next";
import type { MemberObject } from "../../../../_lib/directory";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { services } from "../../../../_lib/server";
import {
  BUTTON,
  DANGER_BUTTON,
  FieldProblem,
  INPUT,
  LINK,
  Notice,
  ProblemSummary,
  ReturnTo,
  problemId,
} from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { directoryRefusal, groupProblemTexts } from "../_lib/group-problems";
import { tenantOrNotFound } from "../../../tenant";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const MEMBERS_PAGE = 100;
const NOTICES = ["created", "memberAdded", "memberRemoved"] as const;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.groups");
  const title = t("detail.pageTitle", { tenant: tenantOrNotFound(tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/** One group and its members; another tenant's group is not found, like a missing one. */
export default async function GroupPage({ params, searchParams }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, actor, session } = await requireAdmin(slug, "groups.read");
  const query = await searchParams;
  const groups = services().groups;
  let group, members;
  const after = typeof query.after === "string" && query.after.length <= 64 ? query.after : undefined;
  try {
    group = await groups.get(actor, tenant.slug, id);
    members = await groups.listMembers(actor, tenant.slug, group.id, { ...(after ? { after } : {}), top: MEMBERS_PAGE });
  } catch (error) {
    if (directoryRefusal(error) === "notFound") notFound();
    throw error;
  }
  const t = await getTranslations("admin.groups");
  const feedback = readFeedback(query.form);
  const problems = await groupProblemTexts(feedback);
  const notice = readNotice(query.done, NOTICES);
  const canWrite = session.actorFor("groups.write") !== undefined;
  const base = `/${tenant.slug}/admin/groups`;
  const here = `${base}/${group.id}`;
  const last = members.items.at(-1);
  return (
    <section className="max-w-4xl">
      <p>
        <a href={base} className={LINK}>
          {t("back")}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold break-words">{group.displayName}</h1>
      {group.description && <p className="mt-2">{group.description}</p>}
      <p className="mt-2 text-sm">
        {t("detail.objectId")} <span className="font-mono break-all">{group.id}</span>
      </p>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: t("fields.member"), problem: text }),
          }))}
        />
      </div>
      <h2 className="mt-8 text-xl font-bold">{t("members.title")}</h2>
      {members.items.length === 0 ? (
        <p className="mt-4">{t("members.none")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("members.caption", { group: group.displayName })}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("members.name")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("members.email")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("members.userType")}
                </th>
                {canWrite && (
                  <th scope="col" className="py-2 pr-4">
                    {t("actions")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.items.map(listed).map((member) => (
                <tr key={member.id} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {member.displayName ?? member.email ?? member.id}
                  </th>
                  <td className="py-2 pr-4 break-all">{member.email}</td>
                  <td className="py-2 pr-4">{member.userType ?? t("members.group")}</td>
                  {canWrite && (
                    <td className="py-2 pr-4">
                      <form method="post" action={`${here}/members/remove`}>
                        <ReturnTo path={here} />
                        <input type="hidden" name="memberId" value={member.id} />
                        <button type="submit" className={DANGER_BUTTON}>
                          {t("members.remove", { name: member.displayName ?? member.email ?? member.id })}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {members.more && last && (
        <p className="mt-4">
          <a href={`${here}?after=${encodeURIComponent(last.id)}`} className={LINK}>
            {t("list.next")}
          </a>
        </p>
      )}
      {canWrite && (
        <>
          <form method="post" action={`${here}/members`} className="mt-8 flex flex-wrap items-end gap-3" noValidate>
            <ReturnTo path={here} />
            <div className="min-w-64 flex-1">
              <label htmlFor="member" className="block font-semibold">
                {t("fields.member")}
              </label>
              <p id="member-help" className="text-sm text-gray-800">
                {t("members.addHelp")}
              </p>
              <input
                id="member"
                name="member"
                required
                maxLength={320}
                autoComplete="off"
                defaultValue={feedback?.values.member ?? ""}
                aria-invalid={problems.member ? true : undefined}
                aria-describedby={["member-help", problems.member ? problemId("member") : ""].filter(Boolean).join(" ")}
                className={INPUT}
              />
              <FieldProblem field="member" text={problems.member} />
            </div>
            <button type="submit" className={BUTTON}>
              {t("members.add")}
            </button>
          </form>
          <form method="post" action={`${here}/delete`} className="mt-12 border-t border-gray-300 pt-6">
            <h2 className="text-xl font-bold">{t("delete.title")}</h2>
            <p className="mt-2">{t("delete.warning")}</p>
            <ReturnTo path={here} />
            <label className="mt-3 flex min-h-11 items-center gap-2">
              <input type="checkbox" name="confirm" value="yes" required className="h-5 w-5" />
              {t("delete.confirm", { group: group.displayName })}
            </label>
            <button type="submit" className={`${DANGER_BUTTON} mt-3`}>
              {t("delete.submit")}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** A member as the table shows it: a user with its address and type, or a nested group (Graph's nested membership). */
function listed(member: MemberObject): { id: string; displayName?: string | null; email?: string | null; userType?: string } {
  return member.type === "user"
    ? { id: member.id, displayName: member.displayName, email: member.email, userType: member.userType }
    : { id: member.id, displayName: member.displayName };
}
