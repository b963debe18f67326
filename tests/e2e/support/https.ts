// https for the Graph tier: the Microsoft Graph JS client attaches the bearer token only to
// https:// URLs and follows only absolute https @odata.nextLink (graph-contracts §0.1), so tests
// reach Guestgate over TLS. Per run: a throwaway CA and a localhost server certificate made with
// the openssl CLI (node:crypto cannot issue X.509), and a node:https reverse proxy in front of
// `next start` on plain http, as a production deployment behind a TLS terminator.
//
// Trust: NODE_EXTRA_CA_CERTS is read only when Node starts, too late for a vitest worker, and the
// undici in node_modules is not ours to depend on; so trustCa() adds the CA to Node's default CA
// list (tls.setDefaultCACertificates, Node ≥ 22.19), which the global fetch the Graph client
// uses (HTTPMessageHandler) then verifies against.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import tls from "node:tls";
import { promisify } from "node:util";

export interface LocalCertificates {
  /** PEM of the CA that signed the server certificate. */
  ca: string;
  /** PEM of the localhost server certificate and its key. */
  cert: string;
  key: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await promisify(execFile)("openssl", args, { cwd, timeout: 30_000 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed (the Graph e2e tier needs the openssl CLI): ${e.stderr ?? e.message}`);
  }
}

/** A fresh CA and a server certificate for localhost and 127.0.0.1 signed by it, written into dir. */
export async function makeCertificates(dir: string): Promise<LocalCertificates> {
  // EC P-256 keys: generated in milliseconds, unlike RSA.
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await openssl(
    ["req", "-x509", ...ecKey, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Guestgate e2e CA"],
    dir,
  );
  await openssl(["req", ...ecKey, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], dir);
  // A server certificate is matched on subjectAltName only (RFC 6125 §6.4.4); it must not be a CA.
  await writeFile(
    path.join(dir, "server.ext"),
    "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
  );
  await openssl(
    ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"].concat([
      "-out",
      "server.pem",
      "-days",
      "2",
      "-extfile",
      "server.ext",
    ]),
    dir,
  );
  const read = (name: string) => readFile(path.join(dir, name), "utf8");
  return { ca: await read("ca.pem"), cert: await read("server.pem"), key: await read("server.key") };
}

/** From now on this process's TLS clients (global fetch included) also trust ca. Idempotent. */
export function trustCa(ca: string): void {
  const current = tls.getCACertificates("default");
  if (!current.includes(ca)) tls.setDefaultCACertificates([...current, ca]);
}

export interface TlsProxy {
  port: number;
  stop(): Promise<void>;
}

/**
 * An https server on a free port of localhost that forwards every request to http://localhost:targetPort
 * unchanged (method, path, headers, body streamed), with X-Forwarded-Proto/Host as a terminator sets them.
 */
export async function startTlsProxy(certificates: LocalCertificates, targetPort: number): Promise<TlsProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const server = https.createServer({ cert: certificates.cert, key: certificates.key }, (incoming, outgoing) => {
    const upstream = http.request(
      {
        host: "localhost",
        port: targetPort,
        method: incoming.method,
        path: incoming.url,
        agent,
        headers: { ...incoming.headers, "x-forwarded-proto": "https", "x-forwarded-host": incoming.headers.host ?? "" },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end(`tls proxy: ${error.message}`);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "localhost", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
