import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { logContext, requestContext } from "./request-context";
import { REQUEST_ID_HEADER, tagIncomingRequests } from "./request-ids";

// A real node:http server, as `next start` runs one: the id must reach code that runs after awaits
// and timers, for each of many concurrent requests on shared keep-alive connections.
const lines: Record<string, unknown>[] = [];
const log = createLogger({ level: "info", write: (line) => lines.push(JSON.parse(line)), context: logContext });
let server: Server;
let origin: string;

beforeAll(async () => {
  tagIncomingRequests();
  tagIncomingRequests(); // twice, as `next dev` may: still one id per request
  const ready = new Promise((resolve) => setTimeout(resolve, 20)); // made before any request, awaited by all
  server = createServer(async (request, response) => {
    await ready;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    log.info("handled", { path: request.url });
    response.end(JSON.stringify(requestContext() ?? null));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("tagIncomingRequests", () => {
  it("gives each request its own id, seen by its handler after awaits, in its log lines and its X-Request-Id", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const response = await fetch(`${origin}/r${index}`, { headers: { [REQUEST_ID_HEADER]: "client-chosen" } });
        return { index, header: response.headers.get(REQUEST_ID_HEADER), body: (await response.json()) as { requestId: string } };
      }),
    );
    const ids = answers.map((answer) => answer.body.requestId);
    expect(new Set(ids).size).toBe(12);
    for (const { index, header, body } of answers) {
      expect(body.requestId).toMatch(/^[\w-]{22}$/);
      expect(header).toBe(body.requestId);
      expect(lines.find((line) => line.path === `/r${index}`)?.requestId).toBe(body.requestId);
    }
    expect(ids).not.toContain("client-chosen");
    // The socket's peer rides along for client-address.ts, whatever X-Forwarded-For claims, and stays out of the log.
    const { peerAddress } = (await (
      await fetch(`${origin}/peer`, { headers: { "x-forwarded-for": "198.51.100.1" } })
    ).json()) as {
      peerAddress?: string;
    };
    expect(peerAddress).toBe("127.0.0.1");
    expect(lines.find((line) => line.path === "/peer")).not.toHaveProperty("peerAddress");
    expect(requestContext()).toBeUndefined();
  });
});
