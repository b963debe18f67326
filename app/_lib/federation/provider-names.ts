import type { OfferedProvider, UpstreamProviderConfig } from "./types";

// A leaf of its own (types and data only): the script-free guest pages render provider buttons, and
// the Pages Router's browser build must not reach providers.ts's Auth.js imports.

/** Brand names are messages (identical today in every language, but the page looks them up like any text). */
const NAME_MESSAGES = {
  "microsoft-entra": "federation.providerNames.microsoftEntra",
  google: "federation.providerNames.google",
  facebook: "federation.providerNames.facebook",
  github: "federation.providerNames.github",
} as const satisfies Record<Exclude<UpstreamProviderConfig["kind"], "oidc">, NonNullable<OfferedProvider["nameMessage"]>>;

/** How a provider is named on its button: the operator's name for `oidc`, else a brand-name message. */
export function providerName(config: UpstreamProviderConfig): Pick<OfferedProvider, "displayName" | "nameMessage"> {
  return config.kind === "oidc" ? { displayName: config.displayName } : { nameMessage: NAME_MESSAGES[config.kind] };
}
