import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { providerName } from "../journey/provider-choice";
import { tenantHomeKeys, waysInCopy } from "../journey/provider-copy";
import { journeyTranslator } from "../journey/translator";
import { loadMessages } from "../../_lib/i18n";
import { services } from "../../_lib/server";
import { localeOf, shellProps, tenantOf, SHELL_NAMESPACES, type PlainGuestProps } from "./guest-props";

// Server-only: imported by pages/[tenant]/index.tsx for getServerSideProps alone.

export interface TenantHomeProps extends PlainGuestProps {
  /** The tenant's own ways in, as words: no "account you already have" for a passcode-only tenant. */
  copy: { intro: "intro" | "introEmail"; step: "stepAccount" | "stepAccountFederated" | "stepAccountEmail"; providers: string };
  /** The portal's Settings may have changed the tenants file's default. */
  selfServiceSignUp: boolean;
  description: string;
}

const inNamespace = <K extends string>(key: `tenantHome.${K}`) => key.slice("tenantHome.".length) as K;

export async function tenantHomeProps(context: GetServerSidePropsContext): Promise<GetServerSidePropsResult<TenantHomeProps>> {
  const tenant = tenantOf(context);
  if (!tenant) return { notFound: true };
  const locale = localeOf(context, tenant);
  const t = await journeyTranslator(locale, undefined);
  const ways = waysInCopy(tenant.identityProviders, (provider) => providerName(provider, t), locale);
  const keys = tenantHomeKeys(ways);
  const all = (await loadMessages(locale)) as unknown as Record<string, unknown>;
  const messages = Object.fromEntries([...SHELL_NAMESPACES, "tenantHome"].map((name) => [name, all[name]]));
  const { selfServiceSignUp } = await services().admin.settings.effective(tenant);
  return {
    props: {
      ...shellProps(context, tenant, locale, messages, t("meta.tenantTitle", { tenant: tenant.displayName })),
      copy: { intro: inNamespace(keys.intro), step: inNamespace(keys.step), providers: ways.providers },
      selfServiceSignUp,
      description: t("meta.tenantDescription", { tenant: tenant.displayName }),
    },
  };
}
