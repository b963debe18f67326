import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AttributeField } from "../../../../../_components/journey/attribute-form";
import type { UiMessage } from "../../../../../_lib/journeys";
import { requireAdmin } from "../../../_lib/session";
import { buttonClass, linkClass } from "../../_lib/format";
import { readFlash } from "../../_lib/flash";
import { displayValue, formValue, loadGuestView } from "../../_lib/guest-view";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function flashOf({ params, searchParams }: Props) {
  const { tenant, id } = await params;
  const jar = await cookies();
  return readFlash(tenant, (name) => jar.get(name)?.value, (await searchParams).flash, id);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [t, shell] = [await getTranslations("admin.guests.edit"), await getTranslations("admin.shell")];
  const flash = await flashOf(props);
  const title = `${t("pageTitle")} – ${shell("title", { tenant: (await props.params).tenant })}`;
  return { title: flash?.errors || flash?.conflict ? `${t("errorTitle")} ${title}` : title };
}

/**
 * Editing a guest's attributes by the rules of the user flow they signed up through (the same
 * schema the journey validates with). The form carries the guest's version (updatedAt): a save
 * over someone else's change is refused and this page then says what changed.
 */
export default async function EditGuestPage(props: Props) {
  const { tenant: slug, id } = await props.params;
  const { tenant, actor, locale } = await requireAdmin(slug, "guests.write");
  const view = await loadGuestView(actor, tenant, id, locale);
  if (!view) notFound();
  const { guest, hints, say, t: journeyT } = view;
  const t = await getTranslations("admin.guests.edit");
  const list = await getTranslations("admin.guests.list");
  const flash = await flashOf(props);
  const page = `/${tenant.slug}/admin/guests/${guest.id}`;
  const editable = hints.filter((hint) => !hint.readOnly);
  const labels = Object.fromEntries(hints.map((hint) => [hint.name, say(hint.label)]));
  const stored = Object.fromEntries(editable.map((hint) => [hint.name, formValue(guest.attributes[hint.name])]));
  const values = flash?.values ?? stored;
  const errors = (flash?.errors ?? {}) as Record<string, UiMessage>;
  const detail = await getTranslations("admin.guests.detail");
  const yesNo: [string, string] = [detail("yes"), detail("no")];

  return (
    <section aria-labelledby="edit-title" className="max-w-2xl">
      <p>
        <a href={page} className={linkClass}>
          {t("back")}
        </a>
      </p>
      <h1 id="edit-title" className="mt-2 text-2xl font-bold">
        {t("title", { name: guest.displayName ?? guest.email ?? list("noName") })}
      </h1>
      {!view.flow || editable.length === 0 ? (
        <p className="mt-4">{t("nothingToEdit")}</p>
      ) : (
        <>
          {flash?.conflict && (
            <div
              role="alert"
              aria-labelledby="conflict-title"
              className="mt-6 rounded border-l-4 border-red-700 bg-red-50 p-4 text-red-900"
            >
              <h2 id="conflict-title" className="font-semibold">
                {t("conflict.title")}
              </h2>
              <p className="mt-2">{t("conflict.body")}</p>
              {flash.conflict.changed.length > 0 && (
                <ul className="mt-2 list-disc pl-6">
                  {flash.conflict.changed.map((name) => {
                    const hint = hints.find((h) => h.name === name);
                    const now = guest.attributes[name];
                    const typed = flash.conflict!.typed[name];
                    return (
                      <li key={name}>
                        {t("conflict.change", {
                          field: labels[name] ?? name,
                          now: now === undefined ? list("none") : displayValue(hint, now, say, yesNo),
                          typed: typed === undefined || typed === "" ? list("none") : displayValue(hint, typed, say, yesNo),
                        })}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          )}
          {Object.keys(errors).length > 0 && (
            <div
              role="alert"
              aria-labelledby="error-summary-title"
              className="mt-6 rounded border-l-4 border-red-700 bg-red-50 p-4 text-red-900"
            >
              <h2 id="error-summary-title" className="font-semibold">
                {t("errorSummary")}
              </h2>
              <ul className="mt-2 list-disc pl-6">
                {Object.entries(errors).map(([field, message]) => (
                  <li key={field}>
                    <a className="underline underline-offset-2" href={`#${field}`}>
                      {labels[field] ? `${labels[field]}: ` : ""}
                      {journeyT(message.id, message.context)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <form method="post" action={`${page}/edit/save`} className="mt-6 space-y-6" noValidate>
            <input type="hidden" name="returnTo" value={`${page}/edit`} />
            {/* The version read (optimistic concurrency) and the values shown, to say what changed meanwhile. */}
            <input type="hidden" name="version" value={guest.updatedAt.toISOString()} />
            <input type="hidden" name="seen" value={JSON.stringify(stored)} />
            {editable.map((hint, index) => (
              <AttributeField
                key={hint.name}
                hint={hint}
                label={labels[hint.name]!}
                value={values[hint.name]}
                error={errors[hint.name]}
                t={journeyT}
                autoFocus={index === 0 && Object.keys(errors).length === 0}
              />
            ))}
            <div className="flex flex-wrap items-center gap-4">
              <button type="submit" className={buttonClass}>
                {t("save")}
              </button>
              <a href={page} className={`${linkClass} inline-flex min-h-11 items-center`}>
                {t("cancel")}
              </a>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
