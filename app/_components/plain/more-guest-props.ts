import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { journeyTranslator, type Translate } from "../journey/translator";
import type { GuestSummary } from "../../_lib/directory";
import { hintAttributesFor, type AttributeHint, type DisplayText } from "../../_lib/journeys";
import { directory, journeys, oidc } from "../../_lib/server";
import { localeOf, plainGuestProps, shellProps, SHELL_NAMESPACES, tenantOf, type PlainGuestProps } from "./guest-props";
import { loadMessages } from "../../_lib/i18n";

// Server-only: the getServerSideProps of the invitation-closed, logout and account pages.

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Adds page-specific props to plainGuestProps()'s result. */
async function withExtra<E>(
  result: Promise<GetServerSidePropsResult<PlainGuestProps>>,
  extra: E,
): Promise<GetServerSidePropsResult<PlainGuestProps & E>> {
  const settled = await result;
  return "props" in settled ? { props: { ...(await settled.props), ...extra } } : settled;
}

const CLOSED_REASONS = ["expired", "revoked", "redeemed", "unknown"] as const;

export interface InvitationClosedProps extends PlainGuestProps {
  reason: (typeof CLOSED_REASONS)[number];
}

/** /{tenant}/invite/closed?reason=…: only a known reason is shown, nothing else from the query. */
export function invitationClosedProps(context: GetServerSidePropsContext) {
  const asked = first(context.query.reason);
  const reason = CLOSED_REASONS.find((known) => known === asked) ?? "unknown";
  return withExtra(
    plainGuestProps(context, ["invitation"], (t, tenant) =>
      t("meta.errorTitle", { title: t(`invitation.closed.${reason}.title`), tenant: tenant.displayName }),
    ),
    { reason },
  );
}

/** Carried through the logout confirmation form unchanged; the endpoint validates them again. */
const CARRIED = ["client_id", "post_logout_redirect_uri", "state", "ui_locales"] as const;

export interface LogoutConfirmProps extends PlainGuestProps {
  action: string;
  carried: { name: string; value: string }[];
}

export function logoutConfirmProps(context: GetServerSidePropsContext) {
  const tenant = tenantOf(context);
  const carried = CARRIED.flatMap((name) => {
    const value = context.query[name];
    return typeof value === "string" ? [{ name, value }] : [];
  });
  return withExtra(
    // The question already names the tenant ("Sign out of Woodgrove Groceries?"): it is the whole title.
    plainGuestProps(context, ["oidc"], (t, { displayName }) => t("oidc.logout.title", { tenant: displayName })),
    { action: tenant ? oidc().urls(tenant.slug).logout : "", carried },
  );
}

export interface AccountProps extends PlainGuestProps {
  /** What the tenant stores about the signed-in guest, in words; null when nobody is signed in here. */
  rows: { key: string; label: string; value: string }[] | null;
  /** None of the flow's attributes is stored for the guest (the address may still be). */
  noAttributes: boolean;
}

/**
 * The signed-in guest's own page: what the tenant stores about them, and the way to change it (the
 * profile journey). Signed in means Guestgate's own OP session in this browser; without one, the
 * person is told to sign in through an application first (Guestgate has no sign-in of its own).
 */
export async function accountProps(context: GetServerSidePropsContext): Promise<GetServerSidePropsResult<AccountProps>> {
  const tenant = tenantOf(context);
  if (!tenant) return { notFound: true };
  const locale = localeOf(context, tenant);
  const token = context.req.cookies[oidc().sessionCookieName(tenant.slug)];
  const signedIn = await oidc().signedInGuest(tenant.slug, token);
  const guest = signedIn && (await directory().get({ type: "guest", guestId: signedIn.guestId }, tenant.slug, signedIn.guestId));
  const clientId = guest ? guest.signedUpVia?.clientId : undefined;
  const flow = clientId ? await journeys().flowFor(tenant.slug, clientId) : undefined;
  const t = await journeyTranslator(locale, flow);
  const all = (await loadMessages(locale)) as unknown as Record<string, unknown>;
  const messages = Object.fromEntries([...SHELL_NAMESPACES, "account"].map((name) => [name, all[name]]));
  const values = { tenant: tenant.displayName };
  const heading = guest ? t("account.title", values) : t("account.signInFirst.title");
  let rows: AccountProps["rows"] = null;
  let noAttributes = true;
  if (guest) {
    const hints =
      flow && clientId ? hintAttributesFor(flow, { appId: clientId, locale, fallbackLocales: [tenant.locales.default] }) : [];
    const shown = hints.filter((hint) => !hint.readOnly && guest.attributes[hint.name] !== undefined);
    noAttributes = shown.length === 0;
    rows = [
      ...(guest.email ? [{ key: "email", label: t("account.email"), value: guest.email }] : []),
      ...shown.map((hint) => ({ key: hint.name, label: say(hint.label, t), value: displayed(hint, guest, t) })),
    ];
  }
  const title = t("meta.errorTitle", { title: heading, tenant: tenant.displayName });
  return { props: { ...shellProps(context, tenant, locale, messages, title), rows, noAttributes } };
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
