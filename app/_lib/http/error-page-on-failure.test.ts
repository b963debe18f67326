import { describe, expect, it } from "vitest";
import { createLogger, requestContext, runWithRequestContext } from "../log";
import { errorPageOnFailure } from "./error-page-on-failure";

const BASE = "https://id.example.com";

function setup() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: "info", write: (line) => lines.push(JSON.parse(line)), context: requestContext });
  const withErrorPage = errorPageOnFailure({ log: () => log, baseUrl: () => BASE, isTenant: (slug) => slug === "woodgrove" });
  return { lines, withErrorPage };
}

const context = (tenant: string) => ({ params: Promise.resolve({ tenant, id: "j1" }) });
const post = (path: string) => new Request(`http://internal:3000${path}`, { method: "POST" });

describe("errorPageOnFailure (route handlers)", () => {
  it("passes the handler's own answer through untouched", async () => {
    const { lines, withErrorPage } = setup();
    const answer = new Response("ok", { status: 202 });
    const handler = withErrorPage(async () => answer);
    expect(await handler(post("/woodgrove/journey/j1/submit"), context("woodgrove"))).toBe(answer);
    expect(lines).toEqual([]);
  });

  it("answers an unexpected throw with a 303 to the tenant's error page, and logs the same reference with the error", async () => {
    const { lines, withErrorPage } = setup();
    const handler = withErrorPage(async () => {
      throw new Error("SQLITE_ERROR: no such table: main.journeys");
    });
    const response = await runWithRequestContext({ requestId: "req-7" }, () =>
      handler(post("/woodgrove/journey/j1/submit?code=abc"), context("woodgrove")),
    );

    expect(response.status).toBe(303);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${BASE}/woodgrove/error`);
    expect([...location.searchParams.keys()]).toEqual(["code", "ref"]);
    expect(location.searchParams.get("code")).toBe("unexpected");
    const reference = location.searchParams.get("ref")!;
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      msg: "unexpected failure",
      requestId: "req-7",
      reference,
      method: "POST",
      path: "/woodgrove/journey/j1/submit",
      err: { name: "Error", message: "SQLITE_ERROR: no such table: main.journeys" },
    });
    // The error's text goes to the log only, never to the person.
    expect(await response.text()).toBe("");
    expect(response.headers.get("location")).not.toMatch(/SQLITE|table/i);
  });

  it("gives every failure its own reference", async () => {
    const { withErrorPage } = setup();
    const handler = withErrorPage(async () => {
      throw new Error("same failure");
    });
    const refs = await Promise.all(
      [1, 2, 3].map(async () => {
        const response = await handler(post("/woodgrove/journey/j1/submit"), context("woodgrove"));
        return new URL(response.headers.get("location")!).searchParams.get("ref");
      }),
    );
    expect(new Set(refs).size).toBe(3);
  });

  it("answers a bare 500 (and still logs) when the path names no tenant, so no redirect is built from it", async () => {
    const { lines, withErrorPage } = setup();
    const handler = withErrorPage(async () => {
      throw new Error("boom");
    });
    const response = await handler(post("/evil/journey/j1/submit"), context("//evil.example"));
    expect(response.status).toBe(500);
    expect(response.headers.get("location")).toBeNull();
    expect(lines).toHaveLength(1);
  });

  it("passes Next's control-flow throws on (redirect(), notFound() carry a digest)", async () => {
    const { lines, withErrorPage } = setup();
    const signal = Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;404"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    const handler = withErrorPage(async () => {
      throw signal;
    });
    await expect(handler(post("/woodgrove/x"), context("woodgrove"))).rejects.toBe(signal);
    expect(lines).toEqual([]);
  });
});
