// eslint-disable-next-line guestgate/layers -- the Pages Router's browser build must not reach the barrel's Auth.js imports
import { providerName as upstreamName } from "../../_lib/federation/provider-names";
import type { IdentityProviderConfig } from "../../_lib/tenant";
import { JourneyForm } from "./journey-form";
import type { Translate } from "./translator";

/** The name on a provider's button, from the same data federation uses (never a branch on a tenant). */
export function providerName(provider: IdentityProviderConfig, t: Translate): string {
  if (provider.kind === "email-otp") return t("otp.request.emailLabel");
  const name = upstreamName(provider);
  return name.displayName ?? t(name.nameMessage!);
}

interface Props {
  action: string;
  version: number;
  providers: readonly IdentityProviderConfig[];
  t: Translate;
}

/** One button per provider: a list of real buttons is the simplest thing to use by keyboard and screen reader. */
export function ProviderChoice({ action, version, providers, t }: Props) {
  return (
    <JourneyForm action={action} version={version}>
      <ul aria-label={t("journey.chooseProvider.providersLabel")} className="mt-6 flex flex-col gap-3">
        {providers.map((provider) => (
          <li key={provider.id}>
            <button
              type="submit"
              name="provider"
              value={provider.id}
              className="flex min-h-12 w-full items-center justify-center rounded-lg border-2 border-brand bg-white px-4 py-2 font-semibold text-black hover:bg-accent/40"
            >
              {provider.kind === "email-otp"
                ? t("journey.chooseProvider.emailOption")
                : t("journey.chooseProvider.continueWith", { provider: providerName(provider, t) })}
            </button>
          </li>
        ))}
      </ul>
    </JourneyForm>
  );
}
