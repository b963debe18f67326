// The scale-out bench's front: a tiny node:http reverse proxy on loopback that hands each request to
// the next of its upstreams in turn (keep-alive connections to each), as a load balancer without
// session affinity would — Guestgate keeps every piece of journey state in the database, so any
// instance may answer any request. `POST /__bench/upstreams?count=N` (answered here, never
// forwarded) makes it use the first N upstreams, so one front measures one instance, then two.
import http from "node:http";
import { READY_PREFIX, type ReadyMessage } from "../lib/protocol";

interface RoundRobinConfig {
  port: number;
  upstreams: number[];
}

const config = JSON.parse(process.env.BENCH_CONFIG!) as RoundRobinConfig;
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
let active = config.upstreams.length;
let turn = 0;

// RFC 9110 §7.6.1: connection-specific fields are not forwarded.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

const server = http.createServer((request, response) => {
  if (request.url?.startsWith("/__bench/upstreams")) {
    const count = Number(new URL(request.url, "http://front").searchParams.get("count"));
    if (!Number.isInteger(count) || count < 1 || count > config.upstreams.length) {
      response.writeHead(400).end(`count must be 1–${config.upstreams.length}`);
      return;
    }
    active = count;
    response.writeHead(204).end();
    return;
  }
  const port = config.upstreams[turn++ % active]!;
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
  const upstream = http.request(
    { host: "127.0.0.1", port, method: request.method, path: request.url, headers, agent },
    (answer) => {
      const back = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      response.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(response);
    },
  );
  upstream.on("error", (error) => {
    if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
    response.end(`upstream ${port}: ${error.message}`);
  });
  request.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(config.port, "127.0.0.1", () => {
  const ready: ReadyMessage = {
    port: config.port,
    pid: process.pid,
    note: `round-robin node:http proxy over ${config.upstreams.length} upstreams`,
  };
  console.log(READY_PREFIX + JSON.stringify(ready));
});
