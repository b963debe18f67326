import { disposableEmailBlocklistSet } from "disposable-email-domains-js";

let domains: ReadonlySet<string> | undefined;

/**
 * Whether a domain belongs to a throwaway-mailbox service, by the community-maintained list the
 * `disposable-email-domains-js` package ships (`npm update` brings new entries; nothing here is
 * written by hand). Parent domains count too, since such services hand out subdomains
 * (`x.mailinator.com`). The set is built once, on first use (about 9,000 entries).
 */
export function isDisposableDomain(domain: string): boolean {
  domains ??= disposableEmailBlocklistSet();
  const labels = domain.toLowerCase().split(".");
  for (let i = 0; i < labels.length - 1; i++) if (domains.has(labels.slice(i).join("."))) return true;
  return false;
}
