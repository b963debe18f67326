import type { IdentityProviderConfig } from "../../_lib/tenant";
import { JourneyForm } from "./journey-form";
import type { Translate } from "./translator";

/** How each kind of provider is named on its button; the generic OpenID kind carries its own name. */
const PROVIDER_NAMES: Record<Exclude<IdentityProviderConfig["kind"], "oidc" | "email-otp">, string> = {
  "microsoft-entra": "Microsoft",
  google: "Google",
  facebook: "Facebook",
  github: "GitHub",
};

export function providerName(provider: IdentityProviderConfig): string {
  if (provider.kind === "oidc") return provider.displayName;
  if (provider.kind === "email-otp") return "E-mail";
  return PROVIDER_NAMES[provider.kind];
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
                : t("journey.chooseProvider.continueWith", { provider: providerName(provider) })}
            </button>
          </li>
        ))}
      </ul>
    </JourneyForm>
  );
}
