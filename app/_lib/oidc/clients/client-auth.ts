import { GUID, safeEqual, sha256 } from "../crypto";
import { OAuthError } from "../errors";
import type { ApplicationRecord, ApplicationRepository, Clock } from "../ports";
import type { Parameters } from "../web/params";

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "none";

export interface ClientCredentials {
  method: ClientAuthMethod;
  clientId: string;
  secret?: string;
}

const invalidClient = (description: string) => new OAuthError("invalid_client", description, { status: 401 });

/**
 * How the client authenticates, from the Authorization header and the body (RFC 6749 §2.3.1).
 * Basic credentials are form-urlencoded before base64, so `%3A` in an id or secret is a colon and
 * `+` a space. More than one method at once is an error (RFC 6749 §2.3: "MUST NOT use more than one").
 */
export function parseClientCredentials(headers: Headers, body: Parameters, query: Parameters): ClientCredentials {
  if (query.get("client_secret") !== undefined || query.problemWith("client_secret")) {
    throw new OAuthError("invalid_request", "client_secret must not be sent in the URL (RFC 6749 §2.3.1)");
  }
  const authorization = headers.get("authorization");
  const bodyId = body.get("client_id");
  const bodySecret = body.get("client_secret");

  if (authorization !== null) {
    const basic = parseBasic(authorization);
    if (bodySecret !== undefined) throw new OAuthError("invalid_request", "use one client authentication method, not two");
    if (bodyId !== undefined && bodyId !== basic.clientId)
      throw new OAuthError("invalid_request", "client_id differs from the authenticated client");
    return { method: "client_secret_basic", ...basic };
  }
  if (bodyId === undefined) throw new OAuthError("invalid_client", "no client authentication", { status: 401 });
  if (bodySecret !== undefined) return { method: "client_secret_post", clientId: bodyId, secret: bodySecret };
  return { method: "none", clientId: bodyId };
}

function parseBasic(header: string): { clientId: string; secret: string } {
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match) throw invalidClient("the Authorization header is not Basic credentials");
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(match[1]!, "base64"));
  } catch {
    throw invalidClient("the Basic credentials are not valid UTF-8");
  }
  const colon = decoded.indexOf(":");
  if (colon === -1) throw invalidClient("the Basic credentials have no colon");
  const clientId = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  if (!clientId || secret === undefined || /[\u0000-\u001f\u007f]/.test(clientId + secret)) {
    throw invalidClient("the Basic credentials are not form-urlencoded (RFC 6749 §2.3.1)");
  }
  return { clientId, secret };
}

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/**
 * Checks the credentials against the tenant's applications. A public client authenticates with
 * `none` only (sending a secret is refused: it cannot keep one); a confidential client with one of
 * its unexpired secrets.
 */
export async function authenticateClient(
  tenantId: string,
  credentials: ClientCredentials,
  deps: { applications: ApplicationRepository; clock: Clock },
): Promise<ApplicationRecord> {
  const app = GUID.test(credentials.clientId) ? await deps.applications.findByClientId(credentials.clientId) : null;
  if (!app || app.tenantId !== tenantId) throw invalidClient("unknown client");
  if (app.clientType === "public") {
    if (credentials.method !== "none") throw invalidClient("a public client does not authenticate with a secret");
    return app;
  }
  if (credentials.method === "none" || credentials.secret === undefined) throw invalidClient("client authentication is required");
  const presented = sha256(credentials.secret);
  const now = deps.clock.now().getTime();
  const secrets = await deps.applications.secrets(app.id);
  // Compare with every live secret (no early exit), so timing does not tell which one matched.
  let matched = false;
  for (const secret of secrets) if (safeEqual(secret.hash, presented) && secret.expiresAt.getTime() > now) matched = true;
  if (!matched) throw invalidClient("invalid client credentials");
  return app;
}
