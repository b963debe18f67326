import * as oauth from "oauth4webapi";
import { MICROSOFT_CONSUMER_TENANT_ID } from "./entra-claims";

/**
 * Microsoft's multi-tenant endpoints (`organizations`, `common`, `consumers`) publish a discovery
 * document whose `issuer` is a template, `https://login.microsoftonline.com/{tenantid}/v2.0`, while
 * each ID token carries its directory's real issuer (`…/<tid>/v2.0`). OpenID Connect Discovery §4.3
 * and Core §3.1.3.7 want one exact issuer, so a plain client rejects both.
 *
 * Auth.js's MicrosoftEntraID provider works around this only while its id is `microsoft-entra-id`
 * (the re-discovery in its callback is keyed on that id; nextauthjs/next-auth#13496). Our ids come
 * from tenants.json, so we do what openid-client does for Entra: accept the document with the issuer
 * we configured, and give oauth4webapi (which Auth.js validates ID tokens with) a per-token expected
 * issuer: the template with the token's own `tid`. Everything else — signature source, `aud`, `exp`,
 * nonce — stays Auth.js's normal validation. The identity is then keyed by that real `iss` + `sub`.
 *
 * A directory configured by one of its domain names (`contoso.com`) has the same problem in a fixed
 * form: its document answers with the directory's id issuer (`…/<guid>/v2.0`), which is then the one
 * issuer its tokens must carry.
 */
const TENANT_PLACEHOLDER = "{tenantid}";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Never equal to an `iss`: makes oauth4webapi reject the token with its usual issuer error. */
const REJECTED = "urn:guestgate:issuer-not-accepted";

/** oauth4webapi's hook for issuers that vary per token (used by openid-client; not in its typings). */
export const expectedIssuerHook: symbol | undefined = (oauth as unknown as { _expectedIssuer?: symbol })._expectedIssuer;

type Audience = "organizations" | "consumers" | "common" | string;

/** The issuer a token from directory `tid` must carry, or REJECTED when this audience does not admit that directory. */
export function issuerForToken(template: string, audience: Audience, tid: unknown): string {
  if (typeof tid !== "string" || !GUID.test(tid)) return REJECTED;
  if (audience === "consumers" && tid !== MICROSOFT_CONSUMER_TENANT_ID) return REJECTED;
  if (audience === "organizations" && tid === MICROSOFT_CONSUMER_TENANT_ID) return REJECTED;
  return template.replace(TENANT_PLACEHOLDER, tid);
}

/** Does `template` (with `{tenantid}`) describe `issuer`, the one we configured? */
export function templateMatches(template: string, issuer: string): boolean {
  const [before, after, ...rest] = template.split(TENANT_PLACEHOLDER);
  if (before === undefined || after === undefined || rest.length > 0) return false;
  const segment =
    issuer.startsWith(before) && issuer.endsWith(after) ? issuer.slice(before.length, issuer.length - after.length) : "";
  return /^[A-Za-z0-9.-]+$/.test(segment);
}

/** A discovery answer whose parsed body is an object we hand over, so it can carry the hook symbol. */
class MetadataResponse extends Response {
  constructor(private readonly metadata: Record<string | symbol, unknown>) {
    super(JSON.stringify(metadata), { status: 200, headers: { "content-type": "application/json" } });
  }
  override async json(): Promise<Record<string | symbol, unknown>> {
    return this.metadata;
  }
}

type IssuerCheck = (result: { claims: Record<string, unknown> }) => string;
const GUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//;

/** How to check a token's `iss` when the document's issuer is not the configured one; undefined: do not accept it. */
export function issuerCheckFor(documented: string, options: { issuer: string; audience: Audience }): IssuerCheck | undefined {
  if (documented.includes(TENANT_PLACEHOLDER)) {
    return templateMatches(documented, options.issuer)
      ? ({ claims }) => issuerForToken(documented, options.audience, claims.tid)
      : undefined;
  }
  if (!options.audience.includes(".")) return undefined;
  const template = documented.replace(GUID_SEGMENT, `/${TENANT_PLACEHOLDER}/`);
  return template !== documented && templateMatches(template, options.issuer) ? () => documented : undefined;
}

/** The fetch for one Entra provider: adapts Microsoft's discovery documents (above), passes everything else through. */
export function entraDiscoveryFetch(options: { issuer: string; audience: Audience }, inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!response.ok || !new URL(url).pathname.endsWith("/.well-known/openid-configuration")) return response;
    const metadata = (await response.clone().json()) as Record<string | symbol, unknown>;
    const documented = metadata.issuer;
    if (typeof documented !== "string" || documented === options.issuer || !expectedIssuerHook) return response;
    const check = issuerCheckFor(documented, options);
    if (!check) return response; // discovery then fails on the issuer mismatch: safe
    return new MetadataResponse({ ...metadata, issuer: options.issuer, [expectedIssuerHook]: check });
  };
}
