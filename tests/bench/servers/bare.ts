// Server (c): the floor. A bare node:http server that does what a token endpoint cannot skip — read
// the form, authenticate the client (SHA-256 of the secret, constant-time compare), and sign the
// same shaped tokens with jose (ES256 at+jwt access tokens, RS256 ID tokens) — and nothing else:
// no database (codes live in a Map), no framework. JWKS and discovery are precomputed strings.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { CODE_VERIFIER, PERMISSION, READY_PREFIX, TENANT, type ReadyMessage } from "../lib/protocol";

interface BareConfig {
  port: number;
  clientId: string;
  secret: string;
  /** Guestgate's discovery document with this server's origin in its URLs (same size and shape). */
  discoveryFile: string;
}

const config = JSON.parse(process.env.BENCH_CONFIG!) as BareConfig;
const origin = `http://127.0.0.1:${config.port}`;
const root = `${origin}/${TENANT}`;
const issuer = `${root}/v2.0`;
const managementResource = `${root}/graph`;
const userinfoResource = `${root}/oauth2/v2.0/userinfo`;
const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest();
const secretHash = sha256(config.secret);

interface Code {
  redirectUri: string;
  challenge: string;
  guestId: string;
  sid: string;
  authTime: number;
}
const codes = new Map<string, Code>();

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache", "access-control-allow-origin": "*" };
const CACHEABLE = { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" };

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
  type = "application/json",
) {
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}
const oauthError = (res: http.ServerResponse, status: number, error: string) =>
  send(res, status, JSON.stringify({ error }), NO_STORE);

function authenticate(req: http.IncomingMessage, form: URLSearchParams): boolean {
  let clientId = form.get("client_id");
  let secret = form.get("client_secret");
  const header = req.headers.authorization;
  if (header?.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon === -1) return false;
    clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
    secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
  }
  return clientId === config.clientId && secret !== null && timingSafeEqual(sha256(secret), secretHash);
}

async function main() {
  const es = await generateKeyPair("ES256", { extractable: true });
  const rs = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const esKid = randomBytes(16).toString("base64url");
  const rsKid = randomBytes(16).toString("base64url");
  const jwks = JSON.stringify({
    keys: [
      { ...(await exportJWK(rs.publicKey)), kid: rsKid, alg: "RS256", use: "sig" },
      { ...(await exportJWK(es.publicKey)), kid: esKid, alg: "ES256", use: "sig" },
    ],
  });
  const discovery = readFileSync(config.discoveryFile, "utf8");
  const now = () => Math.floor(Date.now() / 1000);

  const accessToken = (key: CryptoKey, payload: Record<string, unknown>, sub: string, audience: string) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: "ES256", kid: esKid, typ: "at+jwt" })
      .setIssuer(issuer)
      .setSubject(sub)
      .setAudience(audience)
      .setIssuedAt(now())
      .setExpirationTime(now() + 3600)
      .setJti(randomBytes(16).toString("base64url"))
      .sign(key);

  async function token(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded"))
      return oauthError(res, 400, "invalid_request");
    const form = new URLSearchParams(body);
    if (!authenticate(req, form)) return oauthError(res, 401, "invalid_client");
    const grantType = form.get("grant_type");
    if (grantType === "client_credentials") {
      const scope = form.get("scope");
      if (scope !== null && scope !== `${managementResource}/.default`) return oauthError(res, 400, "invalid_scope");
      const access = await accessToken(
        es.privateKey,
        { client_id: config.clientId, grant_id: randomUUID(), roles: [PERMISSION] },
        config.clientId,
        managementResource,
      );
      const response = { access_token: access, token_type: "Bearer", expires_in: 3600, scope: `${managementResource}/.default` };
      return send(res, 200, JSON.stringify(response), NO_STORE);
    }
    if (grantType === "authorization_code") {
      const value = form.get("code");
      const code = value === null ? undefined : codes.get(value);
      if (!code || value === null) return oauthError(res, 400, "invalid_grant");
      codes.delete(value);
      const verifier = form.get("code_verifier") ?? "";
      const computed = createHash("sha256").update(verifier, "ascii").digest("base64url");
      if (code.redirectUri !== form.get("redirect_uri") || computed !== code.challenge)
        return oauthError(res, 400, "invalid_grant");
      const scope = "openid profile email";
      const access = await accessToken(
        es.privateKey,
        { client_id: config.clientId, grant_id: randomUUID(), scp: scope, auth_time: code.authTime, sid: code.sid },
        code.guestId,
        userinfoResource,
      );
      const idToken = await new SignJWT({
        email: "bench@example.com",
        email_verified: true,
        name: "Bench Guest",
        auth_time: code.authTime,
        nonce: "bench-nonce",
        sid: code.sid,
        amr: ["otp"],
      })
        .setProtectedHeader({ alg: "RS256", kid: rsKid, typ: "JWT" })
        .setIssuer(issuer)
        .setSubject(code.guestId)
        .setAudience(config.clientId)
        .setIssuedAt(now())
        .setExpirationTime(now() + 3600)
        .sign(rs.privateKey);
      const response = { access_token: access, token_type: "Bearer", expires_in: 3600, scope, id_token: idToken };
      return send(res, 200, JSON.stringify(response), NO_STORE);
    }
    return oauthError(res, 400, "unsupported_grant_type");
  }

  /** Not measured: the orchestrator asks for a pool of single-use codes before the code scenario. */
  function makeCodes(res: http.ServerResponse, count: number, redirectUri: string) {
    const challenge = createHash("sha256").update(CODE_VERIFIER, "ascii").digest("base64url");
    const made: string[] = [];
    for (let i = 0; i < count; i++) {
      const code = randomBytes(32).toString("base64url");
      codes.set(code, { redirectUri, challenge, guestId: randomUUID(), sid: randomUUID(), authTime: now() });
      made.push(code);
    }
    send(res, 200, JSON.stringify(made), {});
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", origin);
      const path = url.pathname;
      const work =
        path === `/${TENANT}/oauth2/v2.0/token` && req.method === "POST"
          ? token(req, res, Buffer.concat(chunks).toString("utf8"))
          : path === `/${TENANT}/discovery/v2.0/keys`
            ? send(res, 200, jwks, CACHEABLE, "application/jwk-set+json")
            : path === `/${TENANT}/v2.0/.well-known/openid-configuration`
              ? send(res, 200, discovery, CACHEABLE)
              : path === "/__bench/codes" && req.method === "POST"
                ? makeCodes(res, Number(url.searchParams.get("n")), url.searchParams.get("redirect_uri")!)
                : send(res, 404, "{}", {});
      Promise.resolve(work).catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(config.port, "127.0.0.1", () => {
    const ready: ReadyMessage = {
      port: config.port,
      pid: process.pid,
      note: "no database; ES256 at+jwt, RS256 ID token; JWKS and discovery precomputed",
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
