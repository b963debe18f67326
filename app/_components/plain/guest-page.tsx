import Head from "next/head";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { GuestShell } from "../guest-shell";
import type { PlainGuestProps } from "./guest-props";

/** The frame of a script-free guest page: its title, the tenant's shell, its words. */
export function PlainGuestPage({ props, children }: { props: PlainGuestProps; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={props.locale} messages={props.messages} timeZone="UTC">
      <Head>
        <title>{props.title}</title>
        <link rel="icon" href={props.tenant.branding.favicon} />
      </Head>
      <GuestShell tenant={props.tenant} nonce={props.nonce ?? undefined} path={props.path}>
        {children}
      </GuestShell>
    </NextIntlClientProvider>
  );
}
