// What GitHub's and Facebook's imitations share: an OAuth 2.0 authorization server (RFC 6749 §4.1,
// with PKCE, RFC 7636) on 127.0.0.1 with a login page a person (or a test's browser) fills in, codes
// that redeem once, and bearer access tokens the user APIs accept. Each imitation adds its own paths,
// its error shapes and its user API (github.ts, facebook.ts).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SocialClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  state?: string;
  scope: string;
  codeChallenge?: string;
}

interface IssuedCode extends PendingAuthorization {
  login: string;
  expiresAt: number;
}

/** What a valid access token stands for. */
export interface Grant {
  login: string;
  scope: string;
}

/** One request the imitation answered, for tests that check what Auth.js asked for. */
export interface SeenRequest {
  method: string;
  path: string;
  /** Form fields of a token request, or the query of any other request. */
  params: Record<string, string>;
}

export interface Exchange {
  /** The grant, or the reason the token request is refused (RFC 6749 §5.2 error codes). */
  result: { grant: Grant } | { error: "invalid_client" | "invalid_grant" | "invalid_request" };
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const random = () => randomBytes(24).toString("base64url");
const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface OAuthServerOptions {
  /** The brand on the login page: "GitHub", "Facebook". */
  brand: string;
  clients: SocialClient[];
  /** The logins the login form accepts (any password). */
  logins: string[];
  /** The parameters the cancel link sends back to the client (besides state). */
  denial: Record<string, string>;
  /** The imitation's own routes (token endpoint, user API); true when answered. */
  route(request: IncomingMessage, response: ServerResponse, url: URL, server: OAuthServer): Promise<boolean> | boolean;
}

export interface OAuthServer {
  origin: string;
  seen: SeenRequest[];
  /** Starts an authorization request at `authorizePath` (the imitation's authorization endpoint). */
  authorize(response: ServerResponse, url: URL): void;
  /** Redeems a code once (RFC 6749 §4.1.3), checking the client, the redirect URI and the PKCE verifier. */
  exchange(form: URLSearchParams, authorization: string | undefined): Exchange["result"];
  /** The grant behind `Authorization: Bearer …` (or another scheme the imitation names), if valid. */
  grantOf(request: IncomingMessage, schemes: string[], queryToken?: string | null): Grant | undefined;
  /** Hands out a bearer access token for a grant (the imitation's token endpoint shapes the response). */
  issueToken(grant: Grant): string;
  readForm(request: IncomingMessage): Promise<URLSearchParams>;
  json(response: ServerResponse, status: number, body: unknown): void;
  stop(): Promise<void>;
}

export async function startOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const pending = new Map<string, PendingAuthorization>();
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, Grant>();
  const seen: SeenRequest[] = [];

  const clientOf = (clientId: string | null) => options.clients.find((client) => client.clientId === clientId);

  const html = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.brand)} (imitation)</title></head><body><main>${body}</main></body></html>`,
    );
  };

  const loginPage = (response: ServerResponse, id: string, problem?: string) =>
    html(
      response,
      problem ? 400 : 200,
      `<h1>Sign in to ${escapeHtml(options.brand)}</h1>` +
        (problem ? `<p role="alert">${escapeHtml(problem)}</p>` : "") +
        `<form method="post" action="/imitation/login?request=${id}">` +
        `<label for="login">Username</label><input id="login" name="login" autocomplete="username">` +
        `<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">` +
        `<button type="submit">Sign in</button></form>` +
        `<p><a href="/imitation/cancel?request=${id}">Cancel</a></p>`,
    );

  const backToClient = (response: ServerResponse, request: PendingAuthorization, params: Record<string, string>) => {
    const target = new URL(request.redirectUri);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    if (request.state !== undefined) target.searchParams.set("state", request.state);
    response.writeHead(302, { location: target.href, "cache-control": "no-store" });
    response.end();
  };

  const server: OAuthServer = {
    origin: "",
    seen,
    authorize(response, url) {
      const client = clientOf(url.searchParams.get("client_id"));
      const redirectUri = url.searchParams.get("redirect_uri") ?? client?.redirectUris[0];
      // RFC 6749 §4.1.2.1: an unknown client or redirect URI is shown, never redirected to.
      if (!client || !redirectUri || !client.redirectUris.includes(redirectUri)) {
        return html(response, 400, "<h1>The application or its redirect URI is not registered</h1>");
      }
      const method = url.searchParams.get("code_challenge_method");
      const codeChallenge = url.searchParams.get("code_challenge") ?? undefined;
      if (codeChallenge && method !== "S256") return html(response, 400, "<h1>Only S256 code challenges</h1>");
      const id = random();
      pending.set(id, {
        clientId: client.clientId,
        redirectUri,
        state: url.searchParams.get("state") ?? undefined,
        scope: url.searchParams.get("scope") ?? "",
        codeChallenge,
      });
      loginPage(response, id);
    },
    exchange(form, authorization) {
      let clientId = form.get("client_id");
      let clientSecret = form.get("client_secret");
      if (authorization?.startsWith("Basic ")) {
        // RFC 6749 §2.3.1: both parts are form-urlencoded before the Basic encoding.
        const [id = "", secret = ""] = Buffer.from(authorization.slice(6), "base64").toString("utf8").split(":");
        clientId = decodeURIComponent(id.replace(/\+/g, " "));
        clientSecret = decodeURIComponent(secret.replace(/\+/g, " "));
      }
      const client = clientOf(clientId);
      if (!client || !clientSecret || !sameText(clientSecret, client.clientSecret)) return { error: "invalid_client" };
      const code = form.get("code") ?? "";
      const issued = codes.get(code);
      codes.delete(code); // a code redeems once, whatever happens next (RFC 6749 §4.1.2)
      if (!issued || issued.expiresAt < Date.now() || issued.clientId !== client.clientId) return { error: "invalid_grant" };
      if (form.get("redirect_uri") !== null && form.get("redirect_uri") !== issued.redirectUri) return { error: "invalid_grant" };
      if (issued.codeChallenge) {
        const verifier = form.get("code_verifier");
        if (!verifier) return { error: "invalid_request" };
        if (createHash("sha256").update(verifier).digest("base64url") !== issued.codeChallenge) return { error: "invalid_grant" };
      }
      const grant = { login: issued.login, scope: issued.scope };
      return { grant };
    },
    grantOf(request, schemes, queryToken) {
      const header = request.headers.authorization ?? "";
      const scheme = schemes.find((name) => header.toLowerCase().startsWith(`${name.toLowerCase()} `));
      const token = scheme ? header.slice(scheme.length + 1).trim() : queryToken;
      return token ? tokens.get(token) : undefined;
    },
    issueToken(grant) {
      const token = `imitation_${random()}`;
      tokens.set(token, grant);
      return token;
    },
    async readForm(request) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    },
    json(response, status, body) {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      response.end(JSON.stringify(body));
    },
    stop: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };

  const http = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", server.origin);
      const isForm = request.method === "POST";
      const form = isForm && !url.pathname.startsWith("/imitation/") ? await server.readForm(request) : undefined;
      seen.push({
        method: request.method ?? "GET",
        path: url.pathname,
        params: Object.fromEntries((form ?? url.searchParams).entries()),
      });
      (request as IncomingMessage & { form?: URLSearchParams }).form = form;
      if (url.pathname === "/favicon.ico") {
        response.writeHead(204);
        return response.end();
      }
      if (url.pathname === "/imitation/login" && request.method === "POST") {
        const id = url.searchParams.get("request") ?? "";
        const authorization = pending.get(id);
        if (!authorization) return html(response, 400, "<h1>This sign-in has expired</h1>");
        const login = (await server.readForm(request)).get("login") ?? "";
        if (!options.logins.includes(login)) return loginPage(response, id, "Incorrect username or password.");
        pending.delete(id);
        const code = random();
        codes.set(code, { ...authorization, login, expiresAt: Date.now() + CODE_LIFETIME_MS });
        return backToClient(response, authorization, { code });
      }
      if (url.pathname === "/imitation/cancel") {
        const authorization = pending.get(url.searchParams.get("request") ?? "");
        if (!authorization) return html(response, 400, "<h1>This sign-in has expired</h1>");
        return backToClient(response, authorization, options.denial);
      }
      if (!(await options.route(request, response, url, server))) server.json(response, 404, { message: "Not Found" });
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  server.origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}

/** The form of a token request, read by the shared request handler before the route sees it. */
export const formOf = (request: IncomingMessage): URLSearchParams =>
  (request as IncomingMessage & { form?: URLSearchParams }).form ?? new URLSearchParams();
