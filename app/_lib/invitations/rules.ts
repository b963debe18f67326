import type { InvitationSettings } from "../tenant";
import { domainOf } from "./address";
import { invalid } from "./errors";

/**
 * Entra's collaboration restrictions: with an allow-list only those domains may be invited, with a
 * deny-list every domain but those. A subdomain is its own domain (partner.example does not admit
 * mail.partner.example), as in Entra's lists without wildcards.
 */
export function checkInvitedDomain(settings: InvitationSettings, address: string): void {
  const domain = domainOf(address);
  if (settings.allowedDomains && !settings.allowedDomains.includes(domain))
    throw invalid(
      "invitedUserEmailAddress",
      "domainNotAllowed",
      `Invitations to the domain '${domain}' are not allowed by this tenant.`,
    );
  if (settings.blockedDomains?.includes(domain))
    throw invalid(
      "invitedUserEmailAddress",
      "domainBlocked",
      `Invitations to the domain '${domain}' are blocked by this tenant.`,
    );
}

/** The URLs a redeemed invitation may lead to: the tenant's applications' and its allow-list's. */
export interface RedirectTargets {
  /** Applications' registered redirect URIs: matched exactly (RFC 9700 §4.1.3). */
  redirectUris: readonly string[];
  /** Applications' home pages and the tenant's allow-list: the URL must be at or below one of them. */
  prefixes: readonly string[];
}

const REFUSED = () =>
  invalid(
    "inviteRedirectUrl",
    "redirectNotAllowed",
    "inviteRedirectUrl must be a redirect URI or home page of one of this tenant's applications, or on its allow-list.",
  );

/**
 * Never an open redirect (RFC 9700 §4.11): the URL is an application's redirect URI, or lies at or
 * under (same origin, path on a segment boundary) an application's home page or an allow-list
 * entry. https only, except a loopback http URL (development, RFC 8252 §7.3); no credentials.
 */
export function checkRedirectUrl(url: unknown, targets: RedirectTargets): string {
  if (typeof url !== "string" || url.length === 0 || url.length > 2048) throw REFUSED();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw REFUSED();
  }
  const loopback = parsed.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  if ((parsed.protocol !== "https:" && !loopback) || parsed.username || parsed.password) throw REFUSED();
  if (targets.redirectUris.includes(url)) return url;
  for (const prefix of targets.prefixes) if (isAtOrUnder(parsed, prefix)) return url;
  throw REFUSED();
}

function isAtOrUnder(url: URL, prefix: string): boolean {
  let base: URL;
  try {
    base = new URL(prefix);
  } catch {
    return false;
  }
  if (url.origin !== base.origin) return false;
  const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  return url.pathname === base.pathname || url.pathname.startsWith(basePath);
}

/** An application of the tenant, as far as where an invitation leads: which one's user flow the invitee meets. */
export interface InvitableApplication {
  appId: string;
  displayName: string;
  redirectUris: readonly string[];
  homePageUrl: string | null;
}

export type ApplicationMatch =
  { kind: "one"; appId: string } | { kind: "none" } | { kind: "ambiguous"; applications: InvitableApplication[] };

/**
 * Which application an invitation's redirect URL leads into, so that redeeming it runs that
 * application's user flow. The most specific claim wins: being an application's registered
 * redirect URI beats lying under another's home page, and a longer home page beats a shorter one.
 * Two applications claiming the URL equally (the same redirect URI, or the same home page) are
 * ambiguous: the invitation is refused rather than landing in either flow by the order of a list.
 */
export function applicationOfUrl(url: string, applications: readonly InvitableApplication[]): ApplicationMatch {
  const exact = applications.filter((app) => app.redirectUris.includes(url));
  if (exact.length === 1) return { kind: "one", appId: exact[0]!.appId };
  if (exact.length > 1) return { kind: "ambiguous", applications: exact };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: "none" };
  }
  let best: InvitableApplication[] = [];
  let bestLength = -1;
  for (const app of applications) {
    if (!app.homePageUrl || !isAtOrUnder(parsed, app.homePageUrl)) continue;
    const length = new URL(app.homePageUrl).pathname.replace(/\/$/, "").length;
    if (length > bestLength) [best, bestLength] = [[app], length];
    else if (length === bestLength) best.push(app);
  }
  if (best.length === 0) return { kind: "none" };
  return best.length === 1 ? { kind: "one", appId: best[0]!.appId } : { kind: "ambiguous", applications: best };
}

/** Graph's 400 for a redirect URL two applications claim alike, naming them. */
export function checkUnambiguous(url: string, applications: readonly InvitableApplication[]): void {
  const match = applicationOfUrl(url, applications);
  if (match.kind !== "ambiguous") return;
  const names = match.applications.map((app) => `'${app.displayName}' (${app.appId})`).join(", ");
  throw invalid(
    "inviteRedirectUrl",
    "redirectAmbiguous",
    `inviteRedirectUrl belongs to more than one application of this tenant: ${names}. Use a redirect URI or home page that only one application has, so that the invitee meets that application's user flow.`,
  );
}
