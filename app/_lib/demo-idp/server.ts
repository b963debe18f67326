// "Contoso ID": a real OpenID provider (node-oidc-provider) the quick start runs beside Guestgate on
// a loopback port, so that signing up with an identity one already has can be tried offline. Auth.js
// federates with it as with any OpenID provider: discovery, authorization code with PKCE, a signed
// ID token. Its login page is its own (login-page.ts); consent is implied, as for a first-party app.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { authenticate, DEMO_ACCOUNTS, type DemoAccount } from "./accounts";
import { loginPage, pickLanguage } from "./login-page";
import { MemoryAdapter } from "./memory-adapter";

export interface DemoIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface DemoIdp {
  issuer: string;
  /** The Microsoft-style directory's issuer, when one was asked for. */
  directoryIssuer?: string;
  stop(): Promise<void>;
}

/**
 * Contoso ID can also stand in for a Microsoft Entra directory, so that the demo shows Auth.js's
 * real Microsoft Entra ID provider working offline: it then also answers under `/{tenantId}/v2.0`,
 * with that path in its issuer (as login.microsoftonline.com does for one directory) and the claims
 * Entra puts in ID tokens.
 */
export interface DemoDirectory {
  tenantId: string;
  clients: readonly DemoIdpClient[];
}

/** OIDC Core §5.4 scope claims; Auth.js reads the profile from the ID token, so they go there. */
const CLAIMS = {
  openid: ["sub"],
  email: ["email", "email_verified"],
  profile: ["name", "given_name", "family_name"],
};

/**
 * What Entra adds: the directory (`tid`), the person's object id (`oid`), the sign-in name, and
 * `xms_edov` — the optional claim that the address's domain is verified by the directory, without
 * which Guestgate rightly treats an Entra `email` as unproven (federation/entra-claims.ts).
 */
const DIRECTORY_CLAIMS = {
  openid: ["sub", "tid", "oid"],
  email: ["email", "email_verified", "xms_edov"],
  profile: ["name", "given_name", "family_name", "preferred_username"],
};

interface Face {
  claims: Record<string, string[]>;
  /** Extra claims of every account, from the account. */
  extra: (account: DemoAccount) => Record<string, unknown>;
  /** Where the face is mounted ("" at the root). */
  mountPath: string;
  cookiePrefix: string;
}

const ROOT_FACE: Face = { claims: CLAIMS, extra: () => ({}), mountPath: "", cookiePrefix: "contoso" };

function directoryFace(tenantId: string): Face {
  return {
    claims: DIRECTORY_CLAIMS,
    extra: (account) => ({ tid: tenantId, oid: account.sub, preferred_username: account.login, xms_edov: true }),
    mountPath: `/${tenantId}/v2.0`,
    cookiePrefix: "contoso_directory",
  };
}

const grantWhatWasAsked = (claims: Record<string, string[]>) => async (ctx: KoaContextWithOIDC) => {
  const existing = ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
  if (existing) return ctx.oidc.provider.Grant.find(existing);
  const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
  grant.addOIDCScope([...(ctx.oidc.requestParamScopes ?? [])].filter((s) => s in claims).join(" "));
  grant.addOIDCClaims(Object.values(claims).flat());
  await grant.save();
  return grant;
};

function configuration(clients: readonly DemoIdpClient[], face: Face): Configuration {
  // Keys live as long as the process: a restart signs with a fresh key, which the RP re-fetches.
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { privateKey: rsa } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    findAccount: (_ctx, sub) => {
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.sub === sub);
      if (!account) return undefined;
      const { login: _login, ...claims } = account;
      return { accountId: sub, claims: () => ({ ...claims, email_verified: true, ...face.extra(account) }) };
    },
    adapter: MemoryAdapter,
    claims: face.claims,
    conformIdTokenClaims: false,
    loadExistingGrant: grantWhatWasAsked(face.claims),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${face.mountPath}/interaction/${interaction.uid}` },
    // RFC 9700 §2.1.1: PKCE for every client.
    pkce: { required: () => true },
    // RS256 is what OpenID Connect requires a provider to offer (Core §15.1); ES256 beside it.
    jwks: {
      keys: [
        { ...rsa.export({ format: "jwk" }), kid: "contoso-rs256", alg: "RS256", use: "sig" },
        { ...privateKey.export({ format: "jwk" }), kid: "contoso-es256", alg: "ES256", use: "sig" },
      ],
    },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // Cookies ignore ports (RFC 6265 §8.5): names of its own, apart from anything else on 127.0.0.1.
      names: {
        session: `${face.cookiePrefix}_session`,
        interaction: `${face.cookiePrefix}_interaction`,
        resume: `${face.cookiePrefix}_resume`,
      },
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  };
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 8192) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const INTERACTION = /^\/interaction\/([\w-]+)(\/abort)?$/;

async function interaction(
  provider: Provider,
  mountPath: string,
  formTargets: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const match = INTERACTION.exec((req.url ?? "").split("?")[0] ?? "");
  if (!match) return false;
  const [local, , abort] = match as unknown as [string, string, string | undefined];
  const path = `${mountPath}${local}`;
  const language = pickLanguage(req.headers["accept-language"]);
  if (abort) {
    await provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person cancelled" });
    return true;
  }
  let login = "";
  let failed = false;
  if (req.method === "POST") {
    const form = await formBody(req);
    login = form.get("login") ?? "";
    const account = authenticate(login, form.get("password") ?? "");
    if (account) {
      await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
      return true;
    }
    failed = true;
  } else {
    const { params } = await provider.interactionDetails(req, res);
    login = typeof params.login_hint === "string" ? params.login_hint : "";
  }
  res.writeHead(failed ? 401 : 200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; form-action ${formTargets}; frame-ancestors 'none'`,
    "x-frame-options": "DENY",
  });
  res.end(loginPage({ language, action: path, cancel: `${path}/abort`, login, failed }));
  return true;
}

/** A node-oidc-provider instance for one face, and the request handler that serves it. */
function serve(origin: string, clients: readonly DemoIdpClient[], face: Face) {
  const provider = new Provider(`${origin}${face.mountPath}`, configuration(clients, face));
  provider.on("server_error", (_ctx, error) => console.error("Contoso ID server_error:", error));
  const callback = provider.callback();
  // The sign-in form's POST ends, through redirects, at a client's redirect URI: form-action covers
  // the whole chain (CSP Level 3 §6.4.1), so the clients' origins are allowed beside this one.
  const formTargets = ["'self'", ...new Set(clients.flatMap((c) => c.redirectUris.map((uri) => new URL(uri).origin)))].join(" ");
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (face.mountPath) {
      // Mounted under a path: node-oidc-provider reads its mount point from originalUrl (as under Express).
      Object.assign(req, { originalUrl: req.url });
      req.url = req.url!.slice(face.mountPath.length) || "/";
    }
    try {
      if (await interaction(provider, face.mountPath, formTargets, req, res)) return;
    } catch (error) {
      console.error("Contoso ID interaction:", error);
      if (!res.headersSent) res.writeHead(400).end();
      return;
    }
    callback(req, res);
  };
}

/**
 * Starts Contoso ID at `issuer` (http on a loopback host, its port), for the given clients, and
 * with `directory` also as a Microsoft-style directory under `/{tenantId}/v2.0`.
 */
export async function startDemoIdp(
  issuer: string,
  clients: readonly DemoIdpClient[],
  directory?: DemoDirectory,
): Promise<DemoIdp> {
  const url = new URL(issuer);
  const root = serve(url.origin, clients, ROOT_FACE);
  const face = directory ? directoryFace(directory.tenantId) : undefined;
  const mounted = directory && face ? serve(url.origin, directory.clients, face) : undefined;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (mounted && face && (path === face.mountPath || path.startsWith(`${face.mountPath}/`))) return void mounted(req, res);
    return void root(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(url.port), url.hostname, () => resolve());
  });
  return {
    issuer: url.origin,
    ...(face ? { directoryIssuer: `${url.origin}${face.mountPath}` } : {}),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
