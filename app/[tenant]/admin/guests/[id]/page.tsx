import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { GuestTrailEntry } from "../../../../_lib/audit";
import { services } from "../../../../_lib/server";
import { requireAdmin } from "../../_lib/session";
import { formatDateTime, linkClass, secondaryButtonClass, dangerButtonClass } from "../_lib/format";
import { displayValue, loadGuestView } from "../_lib/guest-view";
import { CREATED_VIA, STATES } from "../_lib/list-query";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = ["saved", "blocked", "unblocked", "forbidden"] as const;
const TRAIL = 50;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [t, shell] = [await getTranslations("admin.guests.detail"), await getTranslations("admin.shell")];
  return { title: `${t("title")} – ${shell("title", { tenant: (await params).tenant })}` };
}

/** One guest: state, attributes in the flow's words, identities, recent sign-ins, audit trail, and the actions. */
export default async function GuestDetailPage({ params, searchParams }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, session, actor, locale } = await requireAdmin(slug, "guests.read");
  const view = await loadGuestView(actor, tenant, id, locale);
  if (!view) notFound();
  const { guest, hints, say } = view;
  const t = await getTranslations("admin.guests.detail");
  const list = await getTranslations("admin.guests.list");
  const done = (await searchParams).done;
  const notice = NOTICES.find((n) => n === done);
  const trail = await services().auditLogs.guestTrail(actor, tenant.slug, guest.id, TRAIL);
  const signIns = trail.filter((entry) => entry.type === "guest.signedIn").slice(0, 10);
  const mayWrite = session.actorFor("guests.write") !== undefined;
  const base = `/${tenant.slug}/admin/guests/${guest.id}`;
  const yesNo: [string, string] = [t("yes"), t("no")];
  const shown = new Set(hints.map((hint) => hint.name));
  const others = Object.keys(guest.attributes)
    .filter((name) => !shown.has(name))
    .sort();
  const th = "border-b-2 border-gray-900 px-3 py-2 text-left font-semibold";
  const td = "border-b border-gray-300 px-3 py-2 align-top";
  const row = "border-b border-gray-300 px-3 py-2 text-left font-semibold align-top";

  return (
    <article aria-labelledby="guest-title">
      <p>
        <a href={`/${tenant.slug}/admin/guests`} className={linkClass}>
          {t("back")}
        </a>
      </p>
      <h1 id="guest-title" className="mt-2 text-2xl font-bold">
        {guest.displayName ?? list("noName")}
      </h1>
      {notice && (
        <p
          role={notice === "forbidden" ? "alert" : "status"}
          className={`mt-4 rounded border-l-4 p-3 ${notice === "forbidden" ? "border-red-700 bg-red-50 text-red-900" : "border-green-700 bg-green-50 text-green-900"}`}
        >
          {t(`notices.${notice}`)}
        </p>
      )}
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{list("columns.email")}</dt>
        <dd className="break-all">{guest.email ?? list("none")}</dd>
        <dt className="font-semibold">{list("columns.state")}</dt>
        <dd>{(STATES as readonly string[]).includes(guest.state) ? list(`options.state.${guest.state}`) : guest.state}</dd>
        <dt className="font-semibold">{list("fields.userType")}</dt>
        <dd>{list(`options.userType.${guest.userType}`)}</dd>
        <dt className="font-semibold">{list("columns.created")}</dt>
        <dd>
          <time dateTime={guest.createdAt.toISOString()}>{formatDateTime(guest.createdAt, locale)}</time>
        </dd>
        <dt className="font-semibold">{list("columns.createdVia")}</dt>
        <dd>
          {(CREATED_VIA as readonly string[]).includes(guest.createdVia)
            ? list(`options.createdVia.${guest.createdVia as (typeof CREATED_VIA)[number]}`)
            : guest.createdVia}
        </dd>
        <dt className="font-semibold">{list("columns.flow")}</dt>
        <dd>{guest.signedUpVia?.userFlowName ?? list("none")}</dd>
        <dt className="font-semibold">{t("application")}</dt>
        <dd>{guest.signedUpVia?.clientId ?? list("none")}</dd>
        <dt className="font-semibold">{t("terms.label")}</dt>
        <dd>
          {guest.termsAccepted ? (
            <>
              {t("terms.value", { version: guest.termsAccepted.version, date: formatDateTime(guest.termsAccepted.at, locale) })}
            </>
          ) : (
            t("terms.none")
          )}
        </dd>
      </dl>

      {mayWrite && (
        <div className="mt-6 flex flex-wrap gap-3">
          {view.flow && (
            <a href={`${base}/edit`} className={secondaryButtonClass}>
              {t("actions.edit")}
            </a>
          )}
          {guest.state === "blocked" ? (
            <a href={`${base}/unblock`} className={secondaryButtonClass}>
              {t("actions.unblock")}
            </a>
          ) : (
            <a href={`${base}/block`} className={secondaryButtonClass}>
              {t("actions.block")}
            </a>
          )}
          <a href={`${base}/delete`} className={dangerButtonClass}>
            {t("actions.delete")}
          </a>
        </div>
      )}

      <section aria-labelledby="attributes-title" className="mt-8">
        <h2 id="attributes-title" className="text-xl font-bold">
          {t("attributes.title")}
        </h2>
        {!view.flow && <p className="mt-2 text-gray-700">{t("attributes.noFlow")}</p>}
        {hints.length + others.length === 0 ? (
          <p className="mt-2">{t("attributes.none")}</p>
        ) : (
          <table className="mt-2 min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("attributes.title")}</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("attributes.name")}
                </th>
                <th scope="col" className={th}>
                  {t("attributes.value")}
                </th>
              </tr>
            </thead>
            <tbody>
              {hints.map((hint) => (
                <tr key={hint.name}>
                  <th scope="row" className={row}>
                    {say(hint.label)}
                  </th>
                  <td className={`${td} break-words`}>
                    {guest.attributes[hint.name] === undefined
                      ? list("none")
                      : displayValue(hint, guest.attributes[hint.name], say, yesNo)}
                  </td>
                </tr>
              ))}
              {others.map((name) => (
                <tr key={name}>
                  <th scope="row" className={row}>
                    <code>{name}</code>
                  </th>
                  <td className={`${td} break-words`}>{displayValue(undefined, guest.attributes[name], say, yesNo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="identities-title" className="mt-8">
        <h2 id="identities-title" className="text-xl font-bold">
          {t("identities.title")}
        </h2>
        {guest.identities.length === 0 ? (
          <p className="mt-2">{t("identities.none")}</p>
        ) : (
          <table className="mt-2 min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("identities.title")}</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("identities.provider")}
                </th>
                <th scope="col" className={th}>
                  {t("identities.issuer")}
                </th>
              </tr>
            </thead>
            <tbody>
              {guest.identities.map((identity) => (
                <tr key={`${identity.issuer} ${identity.subject}`}>
                  <th scope="row" className={row}>
                    {identity.providerId}
                  </th>
                  <td className={`${td} break-all`}>{identity.issuer}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="sign-ins-title" className="mt-8">
        <h2 id="sign-ins-title" className="text-xl font-bold">
          {t("signIns.title")}
        </h2>
        {signIns.length === 0 ? (
          <p className="mt-2">{t("signIns.none")}</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {signIns.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, locale)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="trail-title" className="mt-8">
        <h2 id="trail-title" className="text-xl font-bold">
          {t("trail.title")}
        </h2>
        <TrailTable trail={trail} locale={locale} t={t} />
      </section>
    </article>
  );
}

const TRAIL_TYPES = [
  "guest.created",
  "guest.attributesUpdated",
  "guest.signedIn",
  "guest.blocked",
  "guest.unblocked",
  "guest.identityLinked",
  "guest.signInSessionsRevoked",
  "guest.signUpApproved",
  "guest.signUpRefused",
  "guest.termsAccepted",
] as const;
const ACTOR_TYPES = ["guest", "administrator", "application", "system"] as const;

async function TrailTable({
  trail,
  locale,
  t,
}: {
  trail: GuestTrailEntry[];
  locale: Parameters<typeof formatDateTime>[1];
  t: Awaited<ReturnType<typeof getTranslations<"admin.guests.detail">>>;
}) {
  if (trail.length === 0) return <p className="mt-2">{t("trail.none")}</p>;
  const th = "border-b-2 border-gray-900 px-3 py-2 text-left font-semibold";
  const td = "border-b border-gray-300 px-3 py-2 align-top";
  return (
    <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="trail-caption">
      <table className="min-w-full border-collapse text-sm">
        <caption id="trail-caption" className="sr-only">
          {t("trail.title")}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={th}>
              {t("trail.when")}
            </th>
            <th scope="col" className={th}>
              {t("trail.what")}
            </th>
            <th scope="col" className={th}>
              {t("trail.who")}
            </th>
          </tr>
        </thead>
        <tbody>
          {trail.map((entry) => {
            const known = TRAIL_TYPES.find((type) => type === entry.type);
            const actor = ACTOR_TYPES.find((type) => type === entry.actor.type);
            return (
              <tr key={entry.id}>
                <td className={`${td} whitespace-nowrap`}>
                  <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, locale)}</time>
                </td>
                <td className={td}>
                  {known ? t(`trail.types.${known.replace("guest.", "") as "created"}`) : entry.type}
                  {entry.names.length > 0 && <span className="block text-gray-700">{entry.names.join(", ")}</span>}
                </td>
                <td className={`${td} break-all`}>
                  {actor ? t(`trail.actors.${actor}`) : entry.actor.type}
                  {entry.actor.id && actor !== "guest" && <span className="block text-gray-700">{entry.actor.id}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
