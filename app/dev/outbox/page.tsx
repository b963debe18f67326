import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { SkipLink, MAIN_ID } from "../../_components/skip-link";
import { LOCALE_AUTONYMS } from "../../_lib/i18n";
import { tenants } from "../../_lib/server";
import { developmentOutbox, OUTBOX_PAGE_SIZE } from "./_lib/outbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("devOutbox");
  return { title: `${t("title")} – Guestgate`, robots: { index: false } };
}

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const link = "underline underline-offset-2";

/**
 * /dev/outbox[?to=address]: the messages Guestgate kept instead of sending, newest first. Each
 * shows its text part as text; the HTML part is only offered as a download (never rendered here).
 */
export default async function DevOutboxPage({ searchParams }: Props) {
  const outbox = developmentOutbox(await headers()) ?? notFound();
  const [t, locale, query] = [await getTranslations("devOutbox"), await getLocale(), await searchParams];
  const to = typeof query.to === "string" && query.to.trim() !== "" ? query.to.trim().slice(0, 320) : undefined;
  const messages = await outbox.listOutbox({ to, limit: OUTBOX_PAGE_SIZE });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  const directory = tenants();
  return (
    <>
      <SkipLink />
      <header className="bg-brand text-on-brand">
        <div className="mx-auto max-w-4xl px-4 py-3">
          <p className="text-lg font-bold">{t("toolsName")}</p>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-4xl px-4 py-10">
        <article className="rounded-xl bg-white p-8 text-black shadow">
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p className="mt-4">{t("intro")}</p>
          <p className="mt-4 rounded-lg border-l-4 border-brand bg-accent/40 p-4">{t("warning")}</p>

          <form method="get" action="/dev/outbox" className="mt-6 flex flex-wrap items-end gap-3" role="search">
            <div className="flex flex-col">
              <label htmlFor="outbox-to" className="font-semibold">
                {t("filterLabel")}
              </label>
              <input
                id="outbox-to"
                name="to"
                type="email"
                defaultValue={to}
                autoComplete="off"
                className="mt-1 min-h-11 rounded-md border border-neutral-500 px-3"
              />
            </div>
            <button type="submit" className="min-h-11 rounded-md bg-brand px-5 py-2 font-semibold text-on-brand">
              {t("filter")}
            </button>
            <Link className={`${link} min-h-11 py-2`} href={to ? `/dev/outbox?to=${encodeURIComponent(to)}` : "/dev/outbox"}>
              {t("refresh")}
            </Link>
            {to && (
              <Link className={`${link} min-h-11 py-2`} href="/dev/outbox">
                {t("showAll")}
              </Link>
            )}
          </form>

          <h2 className="mt-8 text-xl font-semibold">{t("messagesHeading")}</h2>
          <p className="mt-2" role="status">
            {messages.length === 0
              ? to
                ? t("emptyFor", { to })
                : t("empty")
              : to
                ? t("countFor", { count: messages.length, to })
                : t("count", { count: messages.length })}
          </p>
          <ol className="mt-4 space-y-6">
            {messages.map((message) => {
              const sent = new Date(message.createdAt);
              return (
                <li key={message.id}>
                  <article aria-labelledby={`mail-${message.id}`} className="rounded-lg border border-neutral-300 p-4">
                    <h3 id={`mail-${message.id}`} className="text-lg font-semibold">
                      {message.subject}
                    </h3>
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                      <dt className="font-semibold">{t("to")}</dt>
                      <dd className="break-all">{message.to}</dd>
                      <dt className="font-semibold">{t("sent")}</dt>
                      <dd>
                        <time dateTime={message.createdAt}>{dates.format(sent)}</time>
                      </dd>
                      <dt className="font-semibold">{t("organisation")}</dt>
                      <dd>{directory.find(message.tenant)?.displayName ?? message.tenant}</dd>
                      <dt className="font-semibold">{t("language")}</dt>
                      <dd lang={message.locale}>{LOCALE_AUTONYMS[message.locale]}</dd>
                    </dl>
                    <pre
                      lang={message.locale}
                      tabIndex={0}
                      aria-label={t("textLabel", { subject: message.subject })}
                      className="mt-3 overflow-x-auto whitespace-pre-wrap rounded-md bg-neutral-100 p-3 font-mono text-sm"
                    >
                      {message.text}
                    </pre>
                    <p className="mt-2 text-sm">
                      <a className={link} href={`/dev/outbox/${message.id}/html`} download>
                        {t("downloadHtml")}
                      </a>
                    </p>
                  </article>
                </li>
              );
            })}
          </ol>
        </article>
      </main>
    </>
  );
}
