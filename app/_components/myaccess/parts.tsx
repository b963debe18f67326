import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Done } from "../../_lib/myaccess";
import type { AssignmentView } from "../plain/myaccess-props";

export const cardClass = "rounded-xl bg-white p-8 text-black shadow";
export const buttonClass =
  "inline-flex min-h-11 items-center justify-center rounded-lg border-2 border-transparent bg-brand px-6 py-2 font-semibold text-on-brand hover:opacity-90";
const quietButtonClass = "min-h-11 px-1 py-2 text-left font-semibold text-brand underline underline-offset-2";

/** The outcome of the last form, or why it was refused: a status, or an alert that takes focus. */
export function Outcome({ done, refusal }: { done: Done | null; refusal: "conflict" | "notAllowed" | "failed" | null }) {
  const t = useTranslations("myAccess");
  if (refusal)
    return (
      <div
        role="alert"
        tabIndex={-1}
        autoFocus
        className="error-summary mt-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900"
      >
        <p>{t(`errors.${refusal}`)}</p>
      </div>
    );
  if (!done) return null;
  return (
    <div role="status" className="mt-6 rounded-lg border-l-4 border-brand bg-accent/40 p-4">
      <p>{t(`done.${done}`)}</p>
    </div>
  );
}

/** A form of one button that posts one My Access action (hidden fields name what it acts on). */
export function ActionForm({
  action,
  fields,
  children,
  quiet = false,
}: {
  action: string;
  fields: Record<string, string>;
  children: ReactNode;
  quiet?: boolean;
}) {
  return (
    <form method="post" action={action} className="inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={quiet ? quietButtonClass : buttonClass}>
        {children}
      </button>
    </form>
  );
}

/** One assignment: until when, and the extend and remove buttons its policy allows. */
export function AssignmentItem({
  assignment,
  action,
  packageId,
}: {
  assignment: AssignmentView;
  action: string;
  packageId?: string;
}) {
  const t = useTranslations("myAccess");
  const back: Record<string, string> = packageId ? { packageId } : {};
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div>
        <p className="font-semibold">{assignment.packageName}</p>
        <p className="text-sm">
          {assignment.live
            ? assignment.until
              ? t("assignments.until", { date: assignment.until })
              : t("assignments.noEnd")
            : t("assignments.ended")}
        </p>
      </div>
      {assignment.live && (assignment.mayExtend || assignment.mayRemove) && (
        <div className="flex flex-wrap gap-4">
          {assignment.mayExtend && (
            <ActionForm action={action} fields={{ action: "extend", assignmentId: assignment.id, ...back }} quiet>
              {t("assignments.extend")}
              <span className="sr-only"> {assignment.packageName}</span>
            </ActionForm>
          )}
          {assignment.mayRemove && (
            <ActionForm action={action} fields={{ action: "remove", assignmentId: assignment.id, ...back }} quiet>
              {t("assignments.remove")}
              <span className="sr-only"> {assignment.packageName}</span>
            </ActionForm>
          )}
        </div>
      )}
    </li>
  );
}

/** Who an identified outsider is to My Access: their proven address, and that approval makes them a guest. */
export function OutsiderNote({ email, tenant }: { email: string | null; tenant: string }) {
  const t = useTranslations("myAccess");
  if (!email) return null;
  return <p className="mt-4 rounded-lg bg-gray-100 p-4 text-sm break-words">{t("outsider.note", { email, tenant })}</p>;
}

/** The panel shown to someone not signed in: what My Access is, and the way to sign in. */
export function SignInFirst({ url, tenant }: { url: string; tenant: string }) {
  const t = useTranslations("myAccess");
  return (
    <article className={cardClass}>
      <h1 className="text-2xl font-bold text-brand">{t("signInFirst.title")}</h1>
      <p className="mt-4">{t("signInFirst.body", { tenant })}</p>
      <a href={url} className={`mt-8 ${buttonClass}`}>
        {t("signInFirst.action")}
      </a>
    </article>
  );
}
