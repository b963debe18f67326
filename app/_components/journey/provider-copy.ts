import type { MessageKey } from "../../_lib/i18n";
import type { IdentityProviderConfig } from "../../_lib/tenant";

/**
 * Which words describe the ways in, so that a page never promises what the flow does not offer:
 * "an account you already have" only when an upstream provider is there, the passcode only when
 * the passcode is. `providers` lists the upstream names, joined as the language joins a list.
 */
export function waysInCopy(
  ways: readonly IdentityProviderConfig[],
  nameOf: (provider: IdentityProviderConfig) => string,
  locale: string,
): { email: boolean; upstream: boolean; providers: string } {
  const upstream = ways.filter((way) => way.kind !== "email-otp");
  const names = new Intl.ListFormat(locale, { type: "conjunction" }).format(upstream.map(nameOf));
  return { email: ways.some((way) => way.kind === "email-otp"), upstream: upstream.length > 0, providers: names };
}

/** The tenant home page's "how it works" first step and intro for these ways in. */
export function tenantHomeKeys(copy: ReturnType<typeof waysInCopy>) {
  const intro = copy.upstream ? "tenantHome.intro" : "tenantHome.introEmail";
  const step = copy.upstream
    ? copy.email
      ? "tenantHome.stepAccount"
      : "tenantHome.stepAccountFederated"
    : "tenantHome.stepAccountEmail";
  return { intro, step } satisfies Record<string, MessageKey>;
}

/** The choice page's intro: with the passcode among the ways, it says so. */
export function chooseProviderIntroKey(copy: ReturnType<typeof waysInCopy>): MessageKey {
  return copy.email ? "journey.chooseProvider.introWithEmail" : "journey.chooseProvider.intro";
}
