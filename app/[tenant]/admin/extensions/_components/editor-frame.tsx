import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LINK, Notice, ProblemSummary } from "../../_components/form-parts";

/** The frame of a connector's or extension's page: back link, heading, notice and the problem summary. */
export async function EditorFrame({
  base,
  title,
  notice,
  problems,
  children,
}: {
  base: string;
  title: string;
  notice: string | undefined;
  problems: Record<string, string>;
  children: ReactNode;
}) {
  const t = await getTranslations("admin.extensions");
  return (
    <section className="max-w-4xl">
      <p>
        <a href={base} className={LINK}>
          {t("back")}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold break-words">{title}</h1>
      <div className="mt-6">
        {notice && <Notice>{notice}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({ field, text }))}
        />
      </div>
      {children}
    </section>
  );
}
