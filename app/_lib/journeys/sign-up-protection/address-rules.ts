import type { SignUpProtectionSettings } from "../../tenant";
import type { UserFlow } from "../user-flows/types";
import { isDisposableDomain } from "./disposable";

/** Why an address may not sign up; each has its message under `signUpProtection.refused`. */
export type AddressRefusal = "domainNotAllowed" | "domainBlocked" | "disposable";

/**
 * Whether this address may become a new guest through self-service sign-up: the tenant's list and
 * the flow's both apply (exact domains, as Entra's lists without wildcards), then the disposable
 * list unless the tenant turned it off. Says nothing about existing guests: callers ask only for
 * an identity that has none, because sign-in is never refused by these rules.
 */
export function signUpAddressRefusal(
  settings: Pick<SignUpProtectionSettings, "allowedDomains" | "blockedDomains" | "refuseDisposableAddresses">,
  flow: Pick<UserFlow, "signUpDomains">,
  address: string,
): AddressRefusal | undefined {
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1).toLowerCase();
  if (at < 1 || !domain) return "domainNotAllowed";
  const allowLists = [settings.allowedDomains, flow.signUpDomains?.allowed].filter((list) => list !== undefined);
  if (allowLists.some((list) => !list.includes(domain))) return "domainNotAllowed";
  if (settings.blockedDomains?.includes(domain) || flow.signUpDomains?.blocked?.includes(domain)) return "domainBlocked";
  if (settings.refuseDisposableAddresses && isDisposableDomain(domain)) return "disposable";
  return undefined;
}
