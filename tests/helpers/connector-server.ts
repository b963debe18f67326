// A real API connector for tests: a node:http (or node:https with client certificates) server on
// 127.0.0.1 that answers Entra's workforce contract (graph-contracts §6.1) as each test says, and
// records what it was sent. With mTLS, a throwaway CA made with the openssl CLI signs the server's
// and the client's certificates; the client's goes out as the PKCS#12 bundle Graph uploads.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import { promisify } from "node:util";

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** With mTLS: the client certificate was signed by the test CA. */
  authorized?: boolean;
  clientSubject?: string;
}

/** What to answer: status, content type and the body (an object becomes JSON), after an optional delay. */
export interface Answer {
  status?: number;
  contentType?: string;
  body: unknown;
  delayMs?: number;
}

export interface ConnectorServer {
  url: string;
  received: Received[];
  /** The next answers, in order; when empty, `fallback` answers. */
  answers: Answer[];
  fallback: Answer;
  stop(): Promise<void>;
}

function handler(server: Omit<ConnectorServer, "url" | "stop">) {
  return (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const socket = request.socket as TLSSocket;
      const peer = typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate() : undefined;
      server.received.push({
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
        ...(typeof socket.authorized === "boolean" ? { authorized: socket.authorized } : {}),
        ...(peer?.subject ? { clientSubject: String(peer.subject.CN) } : {}),
      });
      const answer = server.answers.shift() ?? server.fallback;
      const send = () => {
        if (response.destroyed) return;
        const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
        response.writeHead(answer.status ?? 200, { "content-type": answer.contentType ?? "application/json" });
        response.end(text);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  };
}

async function listen(server: http.Server | https.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

const stopper = (server: http.Server) => () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function startConnectorServer(port = 0): Promise<ConnectorServer> {
  const state = {
    received: [] as Received[],
    answers: [] as Answer[],
    fallback: { body: { version: "1.0.0", action: "Continue" } } as Answer,
  };
  const server = http.createServer(handler(state));
  const bound = await listen(server, port);
  return Object.assign(state, { url: `http://127.0.0.1:${bound}/api/check`, stop: stopper(server) });
}

export interface MutualTls {
  /** PEM of the CA that signed both certificates: the client trusts the server by it. */
  ca: string;
  /** The client's certificate and key as a base64 PKCS#12 bundle, and its password. */
  pkcs12: string;
  password: string;
  /** A client bundle from another CA: the server must refuse it. */
  strangerPkcs12: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await promisify(execFile)("openssl", args, { cwd, timeout: 30_000 });
}

/** A CA, a server certificate for 127.0.0.1, a client certificate (and a stranger's), in a temp dir. */
export async function makeMutualTls(): Promise<MutualTls & { cert: string; key: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gg-mtls-"));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const ca = async (name: string) =>
    openssl(["req", "-x509", ...ec, "-keyout", `${name}.key`, "-out", `${name}.pem`, "-days", "2", "-subj", `/CN=${name}`], dir);
  const issue = async (name: string, by: string, ext: string) => {
    await openssl(["req", ...ec, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`], dir);
    await writeFile(path.join(dir, `${name}.ext`), ext);
    await openssl(
      [
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        `${by}.pem`,
        "-CAkey",
        `${by}.key`,
        "-CAcreateserial",
        "-out",
        `${name}.pem`,
      ].concat(["-days", "2", "-extfile", `${name}.ext`]),
      dir,
    );
  };
  const bundle = async (name: string, password: string) => {
    await openssl(
      ["pkcs12", "-export", "-inkey", `${name}.key`, "-in", `${name}.pem`, "-out", `${name}.p12`, "-passout", `pass:${password}`],
      dir,
    );
    return (await readFile(path.join(dir, `${name}.p12`))).toString("base64");
  };
  await ca("connector-ca");
  await ca("stranger-ca");
  await issue("server", "connector-ca", "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
  await issue("guestgate", "connector-ca", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  await issue("stranger", "stranger-ca", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
  const read = (name: string) => readFile(path.join(dir, name), "utf8");
  return {
    ca: await read("connector-ca.pem"),
    cert: await read("server.pem"),
    key: await read("server.key"),
    pkcs12: await bundle("guestgate", "p12-secret"),
    password: "p12-secret",
    strangerPkcs12: await bundle("stranger", "p12-secret"),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The connector over https that asks for a client certificate and answers only one its CA signed. */
export async function startMutualTlsConnectorServer(
  tlsFiles: { ca: string; cert: string; key: string },
  port = 0,
): Promise<ConnectorServer> {
  const state = {
    received: [] as Received[],
    answers: [] as Answer[],
    fallback: { body: { version: "1.0.0", action: "Continue" } } as Answer,
  };
  const inner = handler(state);
  const server = https.createServer(
    { ca: tlsFiles.ca, cert: tlsFiles.cert, key: tlsFiles.key, requestCert: true, rejectUnauthorized: false },
    (request, response) => {
      if (!(request.socket as TLSSocket).authorized) {
        response.writeHead(401, { "content-type": "application/json" });
        return response.end(JSON.stringify({ error: "client certificate required" }));
      }
      inner(request, response);
    },
  );
  const bound = await listen(server, port);
  return Object.assign(state, { url: `https://127.0.0.1:${bound}/api/check`, stop: stopper(server) });
}
