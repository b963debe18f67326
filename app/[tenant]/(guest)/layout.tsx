import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { GuestShell } from "../../_components/guest-shell";
import { pageRequest } from "../../_lib/http/page-request";
import { tenantOrNotFound } from "../tenant";

interface Props {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("meta");
  return { title: t("tenantTitle", { tenant: tenant.displayName }), icons: { icon: tenant.branding.favicon } };
}

export default async function TenantLayout({ children, params }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const request = await pageRequest();
  return (
    <GuestShell tenant={tenant} nonce={request.nonce} path={request.path}>
      {children}
    </GuestShell>
  );
}
