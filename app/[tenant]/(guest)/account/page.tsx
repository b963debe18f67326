import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { journeyTranslator, type Translate } from "../../../_components/journey/translator";
import type { GuestSummary } from "../../../_lib/directory";
import { isLocale, LOCALE_HEADER, SOURCE_LOCALE } from "../../../_lib/i18n";
import { hintAttributesFor, type AttributeHint, type DisplayText } from "../../../_lib/journeys";
import { directory, journeys, oidc } from "../../../_lib/server";
import { tenantOrNotFound } from "../../tenant";

export const metadata: Metadata = { robots: { index: false } };

interface Props {
  params: Promise<{ tenant: string }>;
}

/**
 * The signed-in guest's own page: what the tenant stores about them, and the way to change it (the
 * profile journey). Signed in means Guestgate's own OP session in this browser; without one, the
 * person is told to sign in through an application first (Guestgate has no sign-in of its own).
 */
export default async function AccountPage({ params }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const chosen = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(chosen) ? chosen : SOURCE_LOCALE;
  const token = (await cookies()).get(oidc().sessionCookieName(tenant.slug))?.value;
  const signedIn = await oidc().signedInGuest(tenant.slug, token);
  const guest = signedIn && (await directory().get({ type: "guest", guestId: signedIn.guestId }, tenant.slug, signedIn.guestId));
  const clientId = guest ? guest.signedUpVia?.clientId : undefined;
  const flow = clientId ? await journeys().flowFor(tenant.slug, clientId) : undefined;
  const t = await journeyTranslator(locale, flow);
  const values = { tenant: tenant.displayName };

  if (!guest) {
    return (
      <article className="rounded-xl bg-white p-8 text-black shadow">
        <h1 className="text-2xl font-bold text-brand">{t("account.signInFirst.title")}</h1>
        <p className="mt-4">{t("account.signInFirst.body", values)}</p>
      </article>
    );
  }
  const hints =
    flow && clientId ? hintAttributesFor(flow, { appId: clientId, locale, fallbackLocales: [tenant.locales.default] }) : [];
  const shown = hints.filter((hint) => !hint.readOnly && guest.attributes[hint.name] !== undefined);
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-2xl font-bold text-brand">{t("account.title", values)}</h1>
      <p className="mt-4">{t("account.intro", values)}</p>
      <dl className="mt-6 divide-y divide-gray-200 border-y border-gray-200">
        {guest.email && <Row label={t("account.email")} value={guest.email} />}
        {shown.map((hint) => (
          <Row key={hint.name} label={say(hint.label, t)} value={displayed(hint, guest, t)} />
        ))}
      </dl>
      {shown.length === 0 && <p className="mt-4">{t("account.empty")}</p>}
      <a
        href={`/${tenant.slug}/account/profile`}
        className="mt-8 inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-6 py-2 font-semibold text-on-brand hover:opacity-90"
      >
        {t("account.edit")}
      </a>
    </article>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1 py-3 sm:flex-row sm:gap-4">
      <dt className="font-semibold sm:w-1/3">{label}</dt>
      <dd className="break-words sm:w-2/3">{value}</dd>
    </div>
  );
}

const say = (text: DisplayText, t: Translate) => ("id" in text ? t(text.id) : text.text);

/** A stored value in words: choices by their label, yes/no for booleans, lists joined. */
function displayed(hint: AttributeHint, guest: GuestSummary, t: Translate): string {
  const value = guest.attributes[hint.name];
  const label = (option: string) => {
    const found = hint.options?.find((o) => o.value === option);
    return found ? say(found.label, t) : option;
  };
  if (typeof value === "boolean") return t(value ? "account.yes" : "account.no");
  if (Array.isArray(value)) return value.map(label).join(", ");
  return label(String(value));
}
