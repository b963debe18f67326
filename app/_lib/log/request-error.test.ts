import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { requestContext, runWithRequestContext } from "./request-context";
import { logRequestError } from "./request-error";

function recorder() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger({ level: "info", write: (line) => lines.push(JSON.parse(line)), context: requestContext }) };
}

const context = {
  routerKind: "App Router",
  routePath: "/[tenant]/journey/[id]",
  routeType: "render",
  renderSource: "react-server-components",
};

describe("logRequestError (instrumentation onRequestError)", () => {
  it("writes Next's digest as the reference, with the request id, route and error, and the path without its query", () => {
    const { lines, log } = recorder();
    const error = Object.assign(new Error("no such table: main.journey"), { digest: "2871390512" });
    runWithRequestContext({ requestId: "req-abc" }, () =>
      logRequestError(log, error, { path: "/woodgrove/journey/j1?code=secret", method: "GET", headers: {} }, context),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      msg: "unexpected failure",
      requestId: "req-abc",
      reference: "2871390512",
      digest: "2871390512",
      method: "GET",
      path: "/woodgrove/journey/j1",
      route: "/[tenant]/journey/[id]",
      routeType: "render",
      err: { name: "Error", message: "no such table: main.journey", digest: "2871390512" },
    });
    expect(JSON.stringify(lines[0])).not.toContain("secret");
  });

  it("falls back to the x-request-id the proxy forwarded when no request context is current", () => {
    const { lines, log } = recorder();
    logRequestError(log, "thrown string", { path: "/", method: "POST", headers: { "x-request-id": "from-proxy" } }, context);
    expect(lines[0]).toMatchObject({ requestId: "from-proxy", err: { name: "string", message: "thrown string" } });
    expect(lines[0]).not.toHaveProperty("digest");
  });
});
