// Server (d): node-oidc-provider 9, configured for the grants Guestgate is measured on: a
// confidential client (client_secret_basic) with client_credentials and authorization_code, JWT
// access tokens through resource indicators signed ES256, ID tokens RS256. Its storage is an
// unbounded in-process Map (the bundled memory adapter is an LRU of 1,000 entries, fewer than a
// code pool), so these numbers include no database.
// For the journeys' silent sign-in (tests/bench/journeys.ts) it also has a public PKCE client, as
// Guestgate's demo application is, and an interaction page that signs the browser in at once and
// grants what was asked: the first authorization request makes the session, the next ones are
// silent (a live session and a grant that covers the request: a code without a page).
import { randomUUID } from "node:crypto";
import http from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Adapter, type AdapterPayload } from "oidc-provider";
import { CODE_SCOPE, NONCE, PERMISSION, PUBLIC_CLIENT_ID, READY_PREFIX, SILENT_SCOPE, type ReadyMessage } from "../lib/protocol";

interface OidcProviderConfig {
  port: number;
  clientId: string;
  secret: string;
  redirectUri: string;
}

const config = JSON.parse(process.env.BENCH_CONFIG!) as OidcProviderConfig;
const issuer = `http://127.0.0.1:${config.port}`;
/** Client credentials are for this resource (as Guestgate's management API). */
const graph = `${issuer}/graph`;
/** Authorization-code access tokens are for this one (Guestgate's go to its userinfo resource). */
const api = `${issuer}/api`;
const API_SCOPE = "api:read";

const store = new Map<string, AdapterPayload>();
const grants = new Map<string, Set<string>>();

/** Everything in one Map, never evicted: the run is short and bounded. */
class MapAdapter implements Adapter {
  constructor(private readonly name: string) {}
  private key(id: string) {
    return `${this.name}:${id}`;
  }
  async upsert(id: string, payload: AdapterPayload): Promise<void> {
    store.set(this.key(id), payload);
    if (payload.grantId) {
      let members = grants.get(payload.grantId);
      if (!members) grants.set(payload.grantId, (members = new Set()));
      members.add(this.key(id));
    }
    if (payload.uid) store.set(`uid:${payload.uid}`, { ...payload, id });
  }
  async find(id: string): Promise<AdapterPayload | undefined> {
    return store.get(this.key(id));
  }
  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const found = store.get(`uid:${uid}`);
    return found?.id ? this.find(found.id as string) : undefined;
  }
  async findByUserCode(): Promise<AdapterPayload | undefined> {
    return undefined;
  }
  async consume(id: string): Promise<void> {
    const payload = store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of grants.get(grantId) ?? []) store.delete(key);
    grants.delete(grantId);
  }
}

async function main() {
  const es = await generateKeyPair("ES256", { extractable: true });
  const rs = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const keys = [
    { ...(await exportJWK(rs.privateKey)), kid: "rs", alg: "RS256", use: "sig" },
    { ...(await exportJWK(es.privateKey)), kid: "es", alg: "ES256", use: "sig" },
  ];
  const jwt = { sign: { alg: "ES256" as const } };
  const provider = new Provider(issuer, {
    adapter: MapAdapter,
    jwks: { keys },
    cookies: { keys: [randomUUID()] },
    clients: [
      {
        client_id: config.clientId,
        client_secret: config.secret,
        grant_types: ["authorization_code", "client_credentials"],
        response_types: ["code"],
        redirect_uris: [config.redirectUri],
        token_endpoint_auth_method: "client_secret_basic",
        scope: `${CODE_SCOPE} ${API_SCOPE} ${PERMISSION}`,
      },
      {
        client_id: PUBLIC_CLIENT_ID,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: [config.redirectUri],
        token_endpoint_auth_method: "none",
        scope: SILENT_SCOPE,
      },
    ],
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "offline_access", "profile", "email", API_SCOPE, PERMISSION],
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        claims: async () => ({ sub, email: "bench@example.com", email_verified: true, name: "Bench Guest" }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => graph,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource === graph)
            return { scope: PERMISSION, audience: graph, accessTokenFormat: "jwt", accessTokenTTL: 3600, jwt };
          if (resource === api) return { scope: API_SCOPE, audience: api, accessTokenFormat: "jwt", accessTokenTTL: 3600, jwt };
          throw new Error(`unknown resource ${resource}`);
        },
      },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      IdToken: 3600,
      Grant: 3600,
      Interaction: 600,
      Session: 3600,
    },
  });
  provider.on("server_error", (_ctx, error) => console.error("oidc-provider:", error));

  /** Not measured: a pool of codes, each with its own grant, through the provider's models. */
  async function makeCodes(count: number, challenge: string): Promise<string[]> {
    const client = await provider.Client.find(config.clientId);
    if (!client) throw new Error("the bench client is missing");
    const made: string[] = [];
    for (let i = 0; i < count; i++) {
      const accountId = randomUUID();
      const grant = new provider.Grant({ accountId, clientId: config.clientId });
      grant.addOIDCScope(CODE_SCOPE);
      grant.addResourceScope(api, API_SCOPE);
      const grantId = await grant.save();
      const code = new provider.AuthorizationCode({
        client,
        accountId,
        grantId,
        scope: `${CODE_SCOPE} ${API_SCOPE}`,
        resource: api,
        redirectUri: config.redirectUri,
        codeChallenge: challenge,
        codeChallengeMethod: "S256",
        nonce: NONCE,
        authTime: Math.floor(Date.now() / 1000),
        sid: randomUUID(),
        expiresWithSession: false,
        gty: "authorization_code",
      });
      made.push(await code.save());
    }
    return made;
  }

  /** Not measured: the first authorization request of a journey's browser, signed in and granted at once. */
  async function signInAndGrant(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { params, prompt, session } = await provider.interactionDetails(req, res);
    const accountId = session?.accountId ?? randomUUID();
    const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
    // api:read is in this provider's `scopes` too, so it is granted as a scope and for the resource.
    grant.addOIDCScope(String(params.scope));
    if (params.resource === api) grant.addResourceScope(api, API_SCOPE);
    const grantId = await grant.save();
    const result = prompt.name === "login" ? { login: { accountId }, consent: { grantId } } : { consent: { grantId } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  const callback = provider.callback();
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      signInAndGrant(req, res).catch((error: unknown) => {
        console.error(error);
        res.writeHead(500).end(String(error));
      });
      return;
    }
    if (!req.url?.startsWith("/__bench/codes")) return void callback(req, res);
    const url = new URL(req.url, issuer);
    makeCodes(Number(url.searchParams.get("n")), url.searchParams.get("challenge")!).then(
      (codes) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(codes)),
      (error: unknown) => {
        console.error(error);
        res.writeHead(500).end(String(error));
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(config.port, "127.0.0.1", () => {
    const ready: ReadyMessage = {
      port: config.port,
      pid: process.pid,
      note: "in-process Map storage (no database); JWT access tokens ES256 via resource indicators, RS256 ID token",
    };
    console.log(READY_PREFIX + JSON.stringify(ready));
  });
}

// A normal exit on SIGTERM, so that --cpu-prof can write its profile.
process.on("SIGTERM", () => process.exit(0));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
