import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdmin } from "../../../_lib/session";
import { ConfirmAction, confirmTitle } from "../../_components/confirm-action";
import { loadGuestView } from "../../_lib/guest-view";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await confirmTitle("unblock", (await params).tenant) };
}

export default async function ConfirmUnblockPage({ params }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, actor, locale } = await requireAdmin(slug, "guests.write");
  const view = await loadGuestView(actor, tenant, id, locale);
  if (!view) notFound();
  return <ConfirmAction tenantSlug={tenant.slug} guest={view.guest} action="unblock" />;
}
