import type { Metadata } from "next";
import { headers } from "next/headers";
import { journeyTranslator } from "../../../../_components/journey/translator";
import { isLocale, LOCALE_HEADER, SOURCE_LOCALE } from "../../../../_lib/i18n";
import { tenantOrNotFound } from "../../../tenant";
import { Panel } from "../../../../_components/journey/steps/panel";

export const metadata: Metadata = { robots: { index: false } };

const REASONS = ["expired", "revoked", "redeemed", "unknown"] as const;

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ reason?: string }>;
}

/** An invitation link that no longer works, and what to do about it, in the person's language. */
export default async function InvitationClosedPage({ params, searchParams }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const chosen = (await headers()).get(LOCALE_HEADER);
  const t = await journeyTranslator(isLocale(chosen) ? chosen : SOURCE_LOCALE, undefined);
  const asked = (await searchParams).reason;
  const reason = REASONS.find((known) => known === asked) ?? "unknown";
  void tenant;
  return <Panel title={t(`invitation.closed.${reason}.title`)} body={t(`invitation.closed.${reason}.body`)} />;
}
