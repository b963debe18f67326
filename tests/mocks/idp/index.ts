// A real, local OpenID provider (node-oidc-provider) for Auth.js to federate with, in Vitest
// integration tests and in the browser tier. Its login page (interaction.ts) accepts any login name
// and any password; consent is implied. It listens on 127.0.0.1 on a free port.
//
// `microsoftTenantId` makes it look like Microsoft Entra ID's multi-tenant endpoints: its real issuer
// is `{origin}/{tenantId}/v2.0` (ID tokens say so, and carry `tid`), and
// `{origin}/{organizations|common|consumers}/v2.0/.well-known/openid-configuration` answers with the
// issuer template `{origin}/{tenantid}/v2.0`, and `{origin}/{any.domain}/v2.0/…` with the directory's
// own document, as login.microsoftonline.com does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { idpConfiguration, type TestIdpAccount, type TestIdpClient } from "./configuration";
import { interactionHandler } from "./interaction";

export type { TestIdpAccount, TestIdpClient };

export interface TestIdpOptions {
  clients: TestIdpClient[];
  accounts?: TestIdpAccount[];
  microsoftTenantId?: string;
  /** Default: a free port. */
  port?: number;
}

export interface TestIdp {
  /** The provider's real issuer (`iss` of its ID tokens). */
  issuer: string;
  origin: string;
  /** With `microsoftTenantId`: the configured issuer for an Entra audience, e.g. `{origin}/organizations/v2.0`, or a domain. */
  audienceIssuer(audience: "organizations" | "common" | "consumers" | `${string}.${string}`): string;
  stop(): Promise<void>;
}

const AUDIENCE_DISCOVERY = /^\/(organizations|common|consumers)\/v2\.0\/\.well-known\/openid-configuration$/;
/** A directory named by a domain: Microsoft answers with the directory's own document (issuer by id). */
const DOMAIN_DISCOVERY = /^\/[a-z0-9-]+(\.[a-z0-9-]+)+\/v2\.0\/\.well-known\/openid-configuration$/;

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function startTestIdp(options: TestIdpOptions): Promise<TestIdp> {
  let handler: (req: IncomingMessage, res: ServerResponse) => unknown = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  const port = await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  const mountPath = options.microsoftTenantId ? `/${options.microsoftTenantId}/v2.0` : "";
  const issuer = `${origin}${mountPath}`;
  const everyone = options.microsoftTenantId ? { tid: options.microsoftTenantId } : {};
  const accounts = options.accounts ?? [];
  const provider = new Provider(issuer, idpConfiguration(options.clients, accounts, { mountPath, everyone }));
  const interaction = interactionHandler(provider, mountPath, accounts);
  // A 500 in the test IdP is a bug in the test setup: say what it was.
  provider.on("server_error", (_ctx, error) => console.error("test IdP server_error:", error));
  const callback = provider.callback();

  handler = async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (mountPath && AUDIENCE_DISCOVERY.test(path)) return void answerDiscovery(issuer, res, `${origin}/{tenantid}/v2.0`);
    if (mountPath && DOMAIN_DISCOVERY.test(path)) return void answerDiscovery(issuer, res);
    try {
      if (await interaction(req, res)) return;
    } catch (error) {
      console.error("test IdP interaction:", error);
      return void res.writeHead(500).end();
    }
    if (mountPath && (path === mountPath || path.startsWith(`${mountPath}/`))) {
      // Mounted under a path: node-oidc-provider reads its mount point from originalUrl (as under Express).
      Object.assign(req, { originalUrl: req.url });
      req.url = req.url!.slice(mountPath.length) || "/";
      withoutIssParameter(res);
    }
    callback(req, res);
  };

  return {
    issuer,
    origin,
    audienceIssuer: (audience) => `${origin}/${audience}/v2.0`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Entra does not send RFC 9207's `iss` on its authorization responses; neither does the imitation. */
function withoutIssParameter(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    if (name.toLowerCase() !== "location" || typeof value !== "string" || !/^https?:/.test(value)) return setHeader(name, value);
    const location = new URL(value);
    location.searchParams.delete("iss");
    return setHeader(name, location.href);
  };
}

/** The provider's own discovery document, with the issuer replaced by a template when asked to. */
async function answerDiscovery(issuer: string, res: ServerResponse, templatedIssuer?: string): Promise<void> {
  try {
    const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const { authorization_response_iss_parameter_supported: _iss, ...rest } = metadata;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ...rest, issuer: templatedIssuer ?? issuer }));
  } catch (error) {
    res.writeHead(502).end(String(error));
  }
}
