import { journeyTranslator, type Translate } from "../../../../_components/journey/translator";
import { isDirectoryError, type GuestDetails } from "../../../../_lib/directory";
import type { Locale } from "../../../../_lib/i18n";
import { hintAttributesFor, type AttributeHint, type DisplayText, type UserFlow } from "../../../../_lib/journeys";
import { services } from "../../../../_lib/server";
import type { Tenant } from "../../../../_lib/tenant";
import type { AdministratorActor } from "../../../../_lib/directory";

/** One guest as the detail and edit pages show it: the record, its flow's rules and words. */
export interface GuestView {
  guest: GuestDetails;
  /** The user flow the guest signed up through, when it is still assigned and valid. */
  flow: UserFlow | undefined;
  clientId: string | undefined;
  /** The flow's attributes for the guest's application, labelled in the administrator's language. */
  hints: AttributeHint[];
  /** messages/<locale>.json with the flow's overrides (the journey's own words for its labels). */
  say: (text: DisplayText) => string;
  t: Translate;
}

/** The guest, or undefined when the tenant has no such guest (another tenant's is not found either). */
export async function loadGuestView(
  actor: AdministratorActor,
  tenant: Tenant,
  guestId: string,
  locale: Locale,
): Promise<GuestView | undefined> {
  let guest: GuestDetails;
  try {
    guest = await services().directory.describe(actor, tenant.slug, { id: guestId });
  } catch (error) {
    if (isDirectoryError(error) && error.code === "notFound") return undefined;
    throw error;
  }
  const clientId = guest.signedUpVia?.clientId;
  const lookup = clientId ? await services().userFlows.flowFor(tenant.slug, clientId) : undefined;
  // As the profile journey does: the flow the application starts now says which attributes and rules apply.
  const flow = lookup?.status === "assigned" ? lookup.flow : undefined;
  const t = await journeyTranslator(locale, flow);
  const hints =
    flow && clientId ? hintAttributesFor(flow, { appId: clientId, locale, fallbackLocales: [tenant.locales.default] }) : [];
  return { guest, flow, clientId, hints, t, say: (text) => ("id" in text ? t(text.id) : text.text) };
}

/** A stored value as the form shows it (strings, lists of strings). */
export function formValue(value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String) : String(value);
}

/** A stored value in words: a choice by its label, yes/no for a checkbox, a list joined. */
export function displayValue(
  hint: AttributeHint | undefined,
  value: unknown,
  say: GuestView["say"],
  yesNo: [string, string],
): string {
  const label = (raw: string) => {
    const option = hint?.options?.find((o) => o.value === raw);
    return option ? say(option.label) : raw;
  };
  if (typeof value === "boolean") return value ? yesNo[0] : yesNo[1];
  if (Array.isArray(value)) return value.map((v) => label(String(v))).join(", ");
  return label(String(value));
}
